package io.alertgate.deliver.jira;

import java.util.List;
import java.util.StringJoiner;

/**
 * Blocks in Jira's wiki markup, what REST API 2 takes for a description or a comment on Server and Data Center.
 * A sender's text is escaped, so an alert cannot bring its own links, images, macros or formatting.
 */
final class WikiMarkup {

  // Each of these starts some markup: effects (*bold*, -struck-, ^sup^...), links, macros, tables, images, lists.
  private static final String MARKUP = "*_?-+^~{}[]|!#";

  private WikiMarkup() {
  }

  static String of(List<Block> blocks) {
    StringJoiner text = new StringJoiner("\n\n");
    for (Block block : blocks) {
      if (block instanceof Block.Line line) {
        text.add((line.label() == null ? "" : "*" + escaped(line.label()) + ":* ") + escaped(line.text()));
      } else if (block instanceof Block.Bullets bullets) {
        StringJoiner list = new StringJoiner("\n", "*" + escaped(bullets.label()) + "*\n", "");
        for (Block.Item item : bullets.items()) {
          list.add("* " + (item.href() == null ? escaped(item.text())
              : "[" + escaped(item.text()) + "|" + item.href() + "]"));
        }
        text.add(list.toString());
      }
    }
    return text.toString();
  }

  /**
   * A backslash before each markup character makes it plain. A backslash of the text's own (a Windows path) cannot be
   * written as one, since two of them are a line break, so it becomes its character reference.
   */
  static String escaped(String text) {
    StringBuilder plain = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        plain.append("&#92;");
      } else {
        plain.append(MARKUP.indexOf(c) >= 0 ? "\\" : "").append(c);
      }
    }
    return plain.toString();
  }
}
