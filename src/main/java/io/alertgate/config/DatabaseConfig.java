package io.alertgate.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the inbox lives: an external PostgreSQL when a URL is given, else the embedded one under {@code dataDir}.
 */
public record DatabaseConfig(Optional<Endpoint> external, Path dataDir, int poolSize) {

  /** Connection settings parsed from {@code postgresql://user:pass@host:port/db}. */
  public record Endpoint(String host, int port, String database, String user, String password) {

    /** Never prints the password. */
    @Override
    public String toString() {
      return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }
  }

  static Endpoint parseUrl(String key, String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (Exception e) {
      throw new ConfigException(key, "is not a URL of the form postgresql://user:password@host:port/database");
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw new ConfigException(key, "must start with postgresql:// (form postgresql://user:password@host:port/database)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new ConfigException(key, "has no host (form postgresql://user:password@host:port/database)");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (path.isEmpty()) {
      throw new ConfigException(key, "has no database name (form postgresql://user:password@host:port/database)");
    }
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    int port = uri.getPort() == -1 ? 5432 : uri.getPort();
    return new Endpoint(uri.getHost(), port, decode(path), user, password);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
