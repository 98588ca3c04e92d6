package io.alertgate.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the inbox lives: an external PostgreSQL when a URL is given, else the embedded one under {@code dataDir}.
 */
public record DatabaseConfig(Optional<Endpoint> external, Path dataDir, int poolSize, boolean requireFsync) {

  /** TLS to the server, with libpq's names; {@code require} encrypts without checking the certificate. */
  public enum Tls { DISABLE, REQUIRE, VERIFY_CA, VERIFY_FULL }

  /** Connection settings parsed from {@code postgresql://user:pass@host:port/db?sslmode=...}. */
  public record Endpoint(String host, int port, String database, String user, String password, Tls tls) {

    public Endpoint(String host, int port, String database, String user, String password) {
      this(host, port, database, user, password, Tls.DISABLE);
    }

    public String jdbcUrl() {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode="
          + tls.name().toLowerCase().replace('_', '-');
    }


    /** Never prints the password. */
    @Override
    public String toString() {
      return "postgresql://" + user + "@" + host + ":" + port + "/" + database
          + (tls == Tls.DISABLE ? "" : "?sslmode=" + tls.name().toLowerCase().replace('_', '-'));
    }
  }

  private static final ConfigKey URL = ConfigKey.of("database.url", "ALERTGATE_DB_URL");
  private static final ConfigKey DATA_DIR = ConfigKey.of("database.data_dir", "ALERTGATE_DATA_DIR");
  private static final ConfigKey POOL_SIZE = ConfigKey.of("database.pool_size", "ALERTGATE_DB_POOL_SIZE");
  private static final ConfigKey REQUIRE_FSYNC = ConfigKey.of("database.require_fsync", "ALERTGATE_DB_REQUIRE_FSYNC");
  static final List<ConfigKey> KEYS = List.of(URL, DATA_DIR, POOL_SIZE, REQUIRE_FSYNC);

  static DatabaseConfig read(ConfigReader config) {
    Optional<Endpoint> external = config.string(URL.path()).map(url -> parseUrl(config.name(URL.path()), url));
    Path dataDir = Path.of(config.string(DATA_DIR.path()).orElse("./data")).toAbsolutePath().normalize();
    return new DatabaseConfig(external, dataDir, config.integer(POOL_SIZE.path(), 16, 1, 200),
        config.bool(REQUIRE_FSYNC.path(), true));
  }

  private static Endpoint parseUrl(String key, String url) {
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
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    // URI leaves the host null for names it thinks invalid, such as docker-compose service names with '_'.
    String host = hostPort.startsWith("[") ? hostPort.substring(0, hostPort.indexOf(']') + 1)
        : hostPort.split(":", 2)[0];
    if (host.isEmpty()) {
      throw new ConfigException(key, "has no host (form postgresql://user:password@host:port/database)");
    }
    String portText = hostPort.substring(host.length()).replaceFirst("^:", "");
    if (!portText.isEmpty() && !portText.matches("\\d{1,5}")) {
      throw new ConfigException(key, "has a port that is not a number");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
    if (path.isEmpty()) {
      throw new ConfigException(key, "has no database name (form postgresql://user:password@host:port/database)");
    }
    String user = "postgres";
    String password = "";
    int at = authority.lastIndexOf('@');
    if (at > 0) {
      String[] parts = authority.substring(0, at).split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    int port = portText.isEmpty() ? 5432 : Integer.parseInt(portText);
    return new Endpoint(host, port, decode(path), user, password, tls(key, uri.getRawQuery()));
  }

  private static Tls tls(String key, String query) {
    Tls tls = Tls.DISABLE;
    if (query == null || query.isEmpty()) {
      return tls;
    }
    for (String parameter : query.split("&")) {
      String[] pair = parameter.split("=", 2);
      if (!pair[0].equals("sslmode") || pair.length < 2) {
        throw new ConfigException(key, "has an option this gateway does not support (only sslmode): " + pair[0]);
      }
      tls = switch (pair[1]) {
        case "disable" -> Tls.DISABLE;
        case "require" -> Tls.REQUIRE;
        case "verify-ca" -> Tls.VERIFY_CA;
        case "verify-full" -> Tls.VERIFY_FULL;
        default -> throw new ConfigException(key, "has sslmode '" + pair[1]
            + "'; use disable, require, verify-ca or verify-full");
      };
    }
    return tls;
  }

  /** Percent-escapes only: a '+' in a password is a plus, not a space as form decoding would have it. */
  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
