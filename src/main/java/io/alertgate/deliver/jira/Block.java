package io.alertgate.deliver.jira;

import java.util.List;

/**
 * One block of what the gateway writes into Jira, before it is put in a version's format: Cloud takes Atlassian
 * Document Format, Server and Data Center take wiki markup. Writing the content once keeps the two the same.
 */
sealed interface Block {

  /**
   * A paragraph: a line of text, after a bold label when it has one.
   *
   * @param label a word or two, or null
   */
  record Line(String label, String text) implements Block {}

  /** A labelled bullet list. */
  record Bullets(String label, List<Item> items) implements Block {

    public Bullets {
      items = List.copyOf(items);
    }
  }

  /**
   * One bullet: text, a link when it has an address.
   *
   * @param href an absolute http or https address, or null
   */
  record Item(String text, String href) {}
}
