package io.alertgate.deliver;

import io.alertgate.support.FuzzTries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every destination type's own check of its settings, against any settings: it gives settings, or refuses with an
 * IllegalArgumentException that says what is wrong without repeating a secret; nothing else is ever thrown, and
 * checked settings never print a secret either (they end up in logs).
 */
@AddLifecycleHook(FuzzTries.class)
class DestinationTypesFuzzTest {

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  @Label("Any settings for any type: checked settings, or a refusal that names the problem and no secret")
  void parseOrRefuse(@ForAll("settings") DestinationSettingsFuzz.Sent sent) {
    DestinationType<?> type = DestinationTypes.named(sent.type()).orElseThrow();
    try {
      ConnectorSettings settings = type.parse(sent.settings());
      assertFalse(String.valueOf(settings).contains(DestinationSettingsFuzz.MARK), "the settings print a secret");
    } catch (IllegalArgumentException refused) {
      assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), "a refusal without a reason");
      assertFalse(refused.getMessage().contains(DestinationSettingsFuzz.MARK),
          () -> "the refusal repeats a secret: " + refused.getMessage());
    }
  }

  @Provide
  Arbitrary<DestinationSettingsFuzz.Sent> settings() {
    return DestinationSettingsFuzz.settings();
  }
}
