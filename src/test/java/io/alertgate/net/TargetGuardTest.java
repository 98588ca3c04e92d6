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
}
