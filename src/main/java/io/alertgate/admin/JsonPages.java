package io.alertgate.admin;

import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** A page of a listing: {@code {"<name>": [...], "next_cursor": "<id>" | null}}, built from JSON texts. */
final class JsonPages {

  private JsonPages() {
  }

  static void send(RoutingContext ctx, String name, List<String> items, String nextCursor) {
    StringBuilder body = new StringBuilder(64 + items.stream().mapToInt(String::length).sum())
        .append("{\"").append(name).append("\":[");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append(items.get(i));
    }
    body.append("],\"next_cursor\":").append(nextCursor == null ? "null" : "\"" + nextCursor + "\"").append('}');
    ctx.response().putHeader("Content-Type", "application/json").end(body.toString());
  }
}
