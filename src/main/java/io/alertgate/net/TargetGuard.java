package io.alertgate.net;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Decides whether the gateway may connect to a host, and to which address: every address the name resolves to must
 * be {@link AddressScope#GLOBAL} or inside an allowed range, and the caller then connects to the address checked
 * here, never to a second lookup's answer (a name that answers differently the second time cannot slip through).
 */
public final class TargetGuard {

  // The JDK's resolver blocks, for seconds when a name server is slow: on threads of its own, so that a burst of
  // slow lookups cannot hold the worker threads other stages run on.
  private static final String RESOLVER_POOL = "alertgate-resolver";
  private static final int RESOLVER_THREADS = 4;

  /** Looks a name up, blocking; the JDK's resolver unless a test stands in for DNS. */
  @FunctionalInterface
  public interface Lookup {
    InetAddress[] addresses(String host) throws UnknownHostException;
  }

  private final WorkerExecutor resolver;
  private final Lookup lookup;
  private final List<Cidr> allowed;

  /** @param allowed ranges an operator has opened on purpose (a test receiver, an internal SOAR) */
  public TargetGuard(Vertx vertx, List<Cidr> allowed) {
    this(vertx, allowed, InetAddress::getAllByName);
  }

  public TargetGuard(Vertx vertx, List<Cidr> allowed, Lookup lookup) {
    this.resolver = vertx.createSharedWorkerExecutor(RESOLVER_POOL, RESOLVER_THREADS);
    this.lookup = lookup;
    this.allowed = List.copyOf(allowed);
  }

  /** The host may not be reached (a failed future): asking again will not change that. Names no secret. */
  public static final class Refused extends RuntimeException {

    private final InetAddress address;
    private final AddressScope scope;

    Refused(String host, InetAddress address, AddressScope scope) {
      super(host + " resolves to " + address.getHostAddress() + ", a " + scope.wireName()
          + " address outside the allowed ranges", null, false, false);
      this.address = address;
      this.scope = scope;
    }

    /** The address that is not public and not allowed. */
    public InetAddress address() {
      return address;
    }

    public AddressScope scope() {
      return scope;
    }
  }

  /** The name did not resolve now: a name server that is slow or down may answer later. */
  public static final class Unresolved extends RuntimeException {
    public Unresolved(String message) {
      super(message, null, false, false);
    }
  }

  /** Lets the resolver's threads go. */
  public Future<Void> close() {
    return resolver.close();
  }

  /** The address to connect to, or {@link Refused}, or {@link Unresolved}. */
  public Future<InetAddress> check(String host) {
    return resolver.executeBlocking(() -> {
      InetAddress[] addresses;
      try {
        addresses = lookup.addresses(host);
      } catch (UnknownHostException e) {
        throw new Unresolved(host + " does not resolve");
      }
      for (InetAddress address : addresses) {
        AddressScope scope = AddressScope.of(address);
        if (scope != AddressScope.GLOBAL && !allowListed(address)) {
          throw new Refused(host, address, scope);
        }
      }
      return addresses[0];
    }, false);
  }

  /** Whether an address is inside a range an operator allowed: only then may a non-public one be reached. */
  public boolean allowListed(InetAddress address) {
    return allowed.stream().anyMatch(range -> range.contains(address));
  }
}
