package io.alertgate.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@code conf/alertgate.yaml} (or the file named by {@code ALERTGATE_CONFIG}) and the environment through
 * vertx-config, then parses them into a {@link GatewayConfig}.
 */
public final class ConfigLoader {

  public static final String CONFIG_FILE_ENV = "ALERTGATE_CONFIG";
  private static final String DEFAULT_FILE = "conf/alertgate.yaml";

  private ConfigLoader() {
  }

  public static Future<GatewayConfig> load(Vertx vertx, Map<String, String> environment) {
    String named = environment.get(CONFIG_FILE_ENV);
    String file = named == null || named.isBlank() ? DEFAULT_FILE : named;
    boolean fileExists = Files.isRegularFile(Path.of(file));
    if (!fileExists && named != null && !named.isBlank()) {
      return Future.failedFuture(new ConfigException(CONFIG_FILE_ENV, "names a file that does not exist: " + file));
    }
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false);
    if (fileExists) {
      options.addStore(new ConfigStoreOptions().setType("file").setFormat("yaml")
          .setConfig(new JsonObject().put("path", file)));
    }
    options.addStore(new ConfigStoreOptions().setType("env")
        .setConfig(new JsonObject().put("raw-data", true).put("keys", new JsonArray(EnvOverrides.names()))));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .recover(failure -> Future.failedFuture(new ConfigException(file, "could not be read as YAML: "
            + YamlErrors.describe(failure))))
        .map(merged -> {
          Map<String, String> env = new HashMap<>();
          for (String name : EnvOverrides.names()) {
            Object value = merged.remove(name);
            if (value != null) {
              env.put(name, value.toString());
            }
          }
          LoggingSettings.checkFormat(environment);
          return GatewayConfig.parse(merged, env);
        })
        .onComplete(done -> retriever.close());
  }
}
