package io.alertgate.admin;

import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Every admin listing's answer: {@code {"<name>": [...], "next_cursor": "<id>" | null}}, newest first, built from
 * items that are JSON texts already. A page also stops at a size budget, since alert documents carry the vendor's
 * raw object: the cursor then points at the last item sent, and the next page continues from there.
 */
final class PagedListing {

  static final long MAX_PAGE_CHARS = 8L * 1024 * 1024;

  private PagedListing() {
  }

  /**
   * @param rows  a page as the read model answered it for this limit
   * @param id    each item's id, the keyset
   * @param json  each item as JSON text
   */
  static <T> void send(RoutingContext ctx, String name, List<T> rows, QueryParams.Page page, Function<T, UUID> id,
                       Function<T, String> json) {
    List<String> items = rows.stream().map(json).toList();
    // Sized for the whole page at once: an alert page can be megabytes, and growing by doubling copies it again.
    long estimate = Math.min(MAX_PAGE_CHARS, items.stream().mapToLong(String::length).sum() + items.size());
    StringBuilder body = new StringBuilder((int) estimate + 64).append("{\"").append(name).append("\":[");
    long chars = 0;
    int sent = 0;
    UUID last = null;
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i);
      if (sent > 0 && chars + item.length() > MAX_PAGE_CHARS) {
        break;
      }
      body.append(sent > 0 ? "," : "").append(item);
      chars += item.length();
      sent++;
      last = id.apply(rows.get(i));
    }
    // More may follow when the page was full or was cut short by the budget.
    boolean more = rows.size() == page.limit() || sent < rows.size();
    body.append("],\"next_cursor\":").append(more && last != null ? "\"" + last + "\"" : "null").append('}');
    ctx.response().putHeader("Content-Type", "application/json").end(body.toString());
  }
}
