package io.alertgate.deliver.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to a destination.
 *
 * @param target  the request target (path and query) as sent
 * @param headers every header, credentials included: they are never shown, see {@link #shown()}
 * @param body    the body, or null for none
 * @param shown   what the attempt log may say of it: the method, the redacted address, the body's size
 */
public record OutboundRequest(HttpMethod method, String target, Map<String, String> headers, Buffer body,
                              String shown) {

  public OutboundRequest {
    headers = new LinkedHashMap<>(headers);
  }

  /** A JSON request, described for the log by the destination's shown address and the API path. */
  public static OutboundRequest json(HttpMethod method, Endpoint endpoint, String apiPath, Map<String, String> headers,
                                     Buffer body) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Accept", "application/json");
    if (body != null) {
      all.put("Content-Type", "application/json");
    }
    String shown = method + " " + endpoint.shown().replaceAll("/(\\.\\.\\.)?$", "") + pathOnly(apiPath)
        + (body == null ? "" : " (" + body.length() + " bytes)");
    return new OutboundRequest(method, endpoint.target(apiPath), all, body, shown);
  }

  private static String pathOnly(String apiPath) {
    int query = apiPath.indexOf('?');
    return query < 0 ? apiPath : apiPath.substring(0, query);
  }
}
