package io.alertgate.deliver.jira;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Blocks in Atlassian Document Format, the only description and comment body REST API 3 takes: a {@code doc} of
 * paragraphs and bullet lists made of text nodes. Jira refuses a text node without text, so none is written.
 */
final class Adf {

  private Adf() {
  }

  static JsonObject doc(List<Block> blocks) {
    JsonArray content = new JsonArray();
    for (Block block : blocks) {
      if (block instanceof Block.Line line) {
        content.add(paragraph(line.label() == null ? text(line.text(), null)
            : label(line.label() + ":").addAll(text(" " + line.text(), null))));
      } else if (block instanceof Block.Bullets bullets) {
        content.add(paragraph(label(bullets.label())));
        JsonArray items = new JsonArray();
        for (Block.Item item : bullets.items()) {
          items.add(new JsonObject().put("type", "listItem")
              .put("content", new JsonArray().add(paragraph(text(item.text(), item.href())))));
        }
        content.add(new JsonObject().put("type", "bulletList").put("content", items));
      }
    }
    return new JsonObject().put("type", "doc").put("version", 1).put("content", content);
  }

  private static JsonObject paragraph(JsonArray nodes) {
    return new JsonObject().put("type", "paragraph").put("content", nodes);
  }

  private static JsonArray label(String label) {
    return new JsonArray().add(new JsonObject().put("type", "text").put("text", label)
        .put("marks", new JsonArray().add(new JsonObject().put("type", "strong"))));
  }

  private static JsonArray text(String text, String href) {
    if (text == null || text.isEmpty()) {
      return new JsonArray();
    }
    JsonObject node = new JsonObject().put("type", "text").put("text", text);
    if (href != null) {
      node.put("marks", new JsonArray().add(new JsonObject().put("type", "link")
          .put("attrs", new JsonObject().put("href", href))));
    }
    return new JsonArray().add(node);
  }
}
