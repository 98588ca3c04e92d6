package io.alertgate.config;

import java.util.Optional;

/**
 * One inbound source, served at {@code /api/v1/webhooks/{name}}.
 *
 * @param name         the path segment
 * @param vendor       the payload shape it receives
 * @param auth         how senders authenticate
 * @param dedupPointer a JSON pointer to the sender's own event id, for generic sources
 * @param mapping      how a generic source's payload maps onto an alert
 */
public record SourceConfig(String name, Vendor vendor, AuthConfig auth, Optional<String> dedupPointer,
                           FieldMapping mapping) {

  public SourceConfig(String name, Vendor vendor, AuthConfig auth, Optional<String> dedupPointer) {
    this(name, vendor, auth, dedupPointer, FieldMapping.empty());
  }

  public SourceConfig withAuth(AuthConfig newAuth) {
    return new SourceConfig(name, vendor, newAuth, dedupPointer, mapping);
  }
}
