package io.alertgate.net;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Decides whether the gateway may connect to a host, and to which address: every address the name resolves to must
 * be {@link AddressScope#GLOBAL} or inside an allowed range, and the caller then connects to the address checked
 * here, never to a second lookup's answer (a name that answers differently the second time cannot slip through).
 */
public final class TargetGuard {

  private final Vertx vertx;
  private final List<Cidr> allowed;

  /** @param allowed ranges an operator has opened on purpose (a test receiver, an internal SOAR) */
  public TargetGuard(Vertx vertx, List<Cidr> allowed) {
    this.vertx = vertx;
    this.allowed = List.copyOf(allowed);
  }

  /** Thrown (as a failed future) when a host may not be reached; the message says why, naming no secret. */
  public static final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** The address to connect to, or {@link Refused}. The lookup runs on a worker: it may block. */
  public Future<InetAddress> check(String host) {
    return vertx.executeBlocking(() -> {
      InetAddress[] addresses;
      try {
        addresses = InetAddress.getAllByName(host);
      } catch (UnknownHostException e) {
        throw new Refused(host + " does not resolve");
      }
      for (InetAddress address : addresses) {
        AddressScope scope = AddressScope.of(address);
        if (scope != AddressScope.GLOBAL && allowed.stream().noneMatch(range -> range.contains(address))) {
          throw new Refused(host + " resolves to " + address.getHostAddress() + ", a " + scope.wireName()
              + " address outside the allowed ranges");
        }
      }
      return addresses[0];
    }, false);
  }
}
