package io.alertgate.ingest;

import io.alertgate.config.AdminRole;
import io.alertgate.config.AdminToken;
import io.alertgate.config.AuthConfig;
import io.alertgate.config.AuthScheme;
import io.alertgate.config.EnvOverrides;
import io.alertgate.config.GatewayConfig;
import io.alertgate.config.SourceConfig;
import io.alertgate.digest.Digests;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lets a newcomer try the gateway at once: on a first start with no ingest secret configured anywhere, secrets
 * for the built-in sources are generated, stored, and printed once to the console (never to the log). Later
 * starts load them again without printing, and any secret set in the configuration replaces the generated one.
 */
public final class GeneratedSecrets {

  private static final String INSERT = """
      INSERT INTO generated_secret (source, kind, value)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
      ON CONFLICT (source) DO NOTHING
      RETURNING source, kind, value""";
  private static final String LOAD = "SELECT source, kind, value FROM generated_secret";
  private static final String RETIRE = "DELETE FROM generated_secret WHERE source = $1";
  /** Not a valid source name, so it can never be mistaken for one. */
  static final String ADMIN = "_admin";
  /** The id logs and the audit give the generated admin token; declared ids have no dot. */
  public static final String ADMIN_TOKEN_ID = "admin.generated";
  // HMAC keys and ingest tokens must be kept as they are to be used; the admin token is only ever compared, so only
  // its digest is kept (SHA-256 of a 256-bit random value: nothing to guess, so no slow hash is needed).
  private static final String ADMIN_KIND = "token-sha256";
  private static final Map<String, String> KINDS = Map.of("elastic", "hmac", "sentinel", "hmac", "splunk", "token",
      ADMIN, ADMIN_KIND);

  private final Pool pool;
  private final PrintStream console;

  public GeneratedSecrets(Pool pool, PrintStream console) {
    this.pool = pool;
    this.console = console;
  }

  /**
   * The configuration with stored generated ingest secrets filled in where none was configured, and the tokens the
   * admin API accepts: the configured ones, and the generated one while no admin token is configured.
   *
   * @param generated the sources whose secret is a generated one, so that operators can tell
   */
  public record Applied(GatewayConfig config, List<AdminToken> adminTokens, Set<String> generated) {}

  /**
   * Fills in stored generated secrets where none was configured: ingest secrets on a first start without any, and
   * an admin token whenever the configuration gives none (viewer tokens alone could not run the gateway).
   */
  public Future<Applied> apply(GatewayConfig config) {
    boolean anyConfigured = config.sources().values().stream().anyMatch(s -> s.auth().hasCredentials());
    List<String> wanted = new ArrayList<>();
    if (!anyConfigured && config.ingest().generateSecrets()) {
      wanted.addAll(List.of("elastic", "sentinel", "splunk"));
    }
    boolean adminConfigured = config.admin().hasAdminToken();
    if (!adminConfigured && config.ingest().generateSecrets()) {
      wanted.add(ADMIN);
    }
    Future<Void> generated = wanted.isEmpty() ? Future.succeededFuture() : generateOnce(wanted);
    // A configured admin token retires a generated one: unsetting it later must not revive an old token.
    Future<Void> retired = adminConfigured
        ? pool.preparedQuery(RETIRE).execute(Tuple.of(ADMIN)).mapEmpty() : Future.succeededFuture();
    return generated
        .compose(v -> retired)
        .compose(v -> pool.query(LOAD).execute())
        .map(rows -> merge(config, rows));
  }

  /** Concurrent first starts race on the primary key; only the winner's rows come back, so only it prints. */
  private Future<Void> generateOnce(List<String> sources) {
    String[] kinds = sources.stream().map(KINDS::get).toArray(String[]::new);
    Map<String, String> generated = new LinkedHashMap<>();
    sources.forEach(source -> generated.put(source, randomSecret()));
    String[] stored = sources.stream()
        .map(source -> ADMIN.equals(source) ? Digests.sha256Hex(generated.get(source)) : generated.get(source))
        .toArray(String[]::new);
    return pool.preparedQuery(INSERT).execute(Tuple.tuple()
            .addArrayOfString(sources.toArray(String[]::new)).addArrayOfString(kinds).addArrayOfString(stored))
        .map(rows -> {
          if (rows.size() > 0) {
            print(rows, generated);
          }
          return null;
        });
  }

  /** The rows this start inserted, with the values as generated (the database keeps only the admin token's digest). */
  private void print(RowSet<Row> rows, Map<String, String> generated) {
    StringBuilder text = new StringBuilder()
        .append("\n=== Alertgate generated these secrets on its first start. They are shown this once and kept in")
        .append("\n=== the database; set your own through the variables below to replace them.\n");
    for (Row row : rows) {
      String setting = ADMIN.equals(row.getString(0)) ? "ALERTGATE_ADMIN_TOKEN"
          : EnvOverrides.credentialSetting(row.getString(0), "token".equals(row.getString(1)));
      text.append("    ").append(setting).append('=')
          .append(generated.get(row.getString(0))).append('\n');
    }
    console.println(text);
    console.flush();
  }

  private static Applied merge(GatewayConfig config, RowSet<Row> rows) {
    Map<String, SourceConfig> sources = new LinkedHashMap<>(config.sources());
    List<AdminToken> adminTokens = new ArrayList<>(config.admin().configuredTokens());
    Set<String> generated = new HashSet<>();
    for (Row row : rows) {
      if (ADMIN.equals(row.getString(0))) {
        if (!config.admin().hasAdminToken() && ADMIN_KIND.equals(row.getString(1))) {
          adminTokens.add(new AdminToken(ADMIN_TOKEN_ID, AdminRole.ADMIN, row.getString(2)));
        }
        continue;
      }
      SourceConfig source = sources.get(row.getString(0));
      boolean token = "token".equals(row.getString(1));
      // A source switched to another scheme in the configuration cannot use the generated value.
      AuthScheme fits = token ? AuthScheme.TOKEN : AuthScheme.HMAC;
      if (source == null || source.auth().hasCredentials() || source.auth().scheme() != fits) {
        continue;
      }
      List<String> value = List.of(row.getString(2));
      AuthConfig auth = token
          ? source.auth().withSecrets(List.of(), value)
          : source.auth().withSecrets(value, List.of());
      sources.put(source.name(), source.withAuth(auth));
      generated.add(source.name());
    }
    return new Applied(config.withSources(sources), List.copyOf(adminTokens), Set.copyOf(generated));
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
