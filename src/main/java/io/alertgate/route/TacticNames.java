package io.alertgate.route;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * MITRE ATT&amp;CK's enterprise tactics by id and by name, so that a rule listing one form matches an alert that
 * carries the other: Elastic sends {@code Initial Access}, Sentinel {@code InitialAccess}, Splunk may send only
 * {@code TA0001}. A tactic this table does not know (ICS, mobile) is compared as it is written, in any case.
 */
final class TacticNames {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s_-]+");
  private static final Map<String, String> ID_BY_NAME = Map.ofEntries(
      Map.entry("reconnaissance", "ta0043"),
      Map.entry("resourcedevelopment", "ta0042"),
      Map.entry("initialaccess", "ta0001"),
      Map.entry("execution", "ta0002"),
      Map.entry("persistence", "ta0003"),
      Map.entry("privilegeescalation", "ta0004"),
      Map.entry("defenseevasion", "ta0005"),
      Map.entry("credentialaccess", "ta0006"),
      Map.entry("discovery", "ta0007"),
      Map.entry("lateralmovement", "ta0008"),
      Map.entry("collection", "ta0009"),
      Map.entry("exfiltration", "ta0010"),
      Map.entry("commandandcontrol", "ta0011"),
      Map.entry("impact", "ta0040"));

  private TacticNames() {
  }

  /** One key for every way of writing a tactic: its id in lower case where it is known, else the word itself. */
  static String key(String tactic) {
    String word = SEPARATORS.matcher(tactic.strip().toLowerCase(Locale.ROOT)).replaceAll("");
    return ID_BY_NAME.getOrDefault(word, word);
  }
}
