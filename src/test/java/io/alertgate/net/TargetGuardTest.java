package io.alertgate.net;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names are resolved, then every address they resolve to is checked: a name is no way around the ranges. */
class TargetGuardTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  @DisplayName("A name that resolves to loopback is refused, and allowed once its ranges are")
  void namesAreResolvedAndChecked() throws Exception {
    ExecutionException refused = assertThrows(ExecutionException.class,
        () -> await(new TargetGuard(vertx, List.of()).check("localhost")));
    assertInstanceOf(TargetGuard.Refused.class, refused.getCause());
    assertTrue(refused.getCause().getMessage().startsWith("localhost resolves to "), refused.getCause().getMessage());

    TargetGuard allowing = new TargetGuard(vertx, List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")));
    InetAddress address = await(allowing.check("localhost"));
    assertTrue(address.isLoopbackAddress());
    assertEquals(InetAddress.getByName("127.0.0.1"), await(allowing.check("127.0.0.1")));
  }

  @Test
  @DisplayName("One private address among global ones is enough to refuse; a name that does not resolve may later")
  void everyAddressCounts() throws Exception {
    TargetGuard.Lookup dns = host -> switch (host) {
      case "mixed.example" -> new InetAddress[] {InetAddress.getByName("93.184.216.34"),
          InetAddress.getByName("10.1.2.3")};
      case "public.example" -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
      default -> throw new java.net.UnknownHostException(host);
    };
    TargetGuard guard = new TargetGuard(vertx, List.of(), dns);

    ExecutionException mixed = assertThrows(ExecutionException.class, () -> await(guard.check("mixed.example")));
    assertEquals("mixed.example resolves to 10.1.2.3, a private address outside the allowed ranges",
        mixed.getCause().getMessage());
    TargetGuard.Refused refused = (TargetGuard.Refused) mixed.getCause();
    assertEquals(List.of(InetAddress.getByName("10.1.2.3"), AddressScope.PRIVATE),
        List.of(refused.address(), refused.scope()), "an operator is told which address and which range");
    assertEquals(InetAddress.getByName("93.184.216.34"), await(guard.check("public.example")));
    ExecutionException unknown = assertThrows(ExecutionException.class, () -> await(guard.check("gone.example")));
    assertInstanceOf(TargetGuard.Unresolved.class, unknown.getCause());
  }
}
