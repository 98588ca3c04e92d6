package io.alertgate.ingest;

import io.alertgate.config.SourceConfig;
import io.alertgate.ingest.auth.SourceAuthenticator;

/** A source as the ingest path uses it: its settings and the authenticator built from them. */
record IngestSource(SourceConfig config, SourceAuthenticator authenticator) {

  String name() {
    return config.name();
  }
}
