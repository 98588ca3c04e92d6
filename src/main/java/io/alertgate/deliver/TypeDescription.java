package io.alertgate.deliver;

import java.util.List;

/**
 * A destination type as the integration registry shows it to an operator choosing one.
 *
 * @param category     what kind of system it is: {@code ticketing}, {@code paging}, {@code automation},
 *                     {@code webhook}
 * @param capabilities what its connector really does with an incident, no more
 * @param summary      one sentence
 * @param fields       its settings' fields, every one of {@link DestinationType#fields()}
 */
public record TypeDescription(String category, List<Capability> capabilities, String summary,
                              List<SettingField> fields) {

  public TypeDescription {
    capabilities = List.copyOf(capabilities);
    fields = List.copyOf(fields);
  }
}
