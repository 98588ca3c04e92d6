package io.alertgate.alert;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimestampsAndSeverityTest {

  private static final java.time.format.DateTimeFormatter WIRE =
      new java.time.format.DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  @ParameterizedTest
  @CsvSource({
      "2022-03-19T02:48:12.634Z, 2022-03-19T02:48:12.634Z",
      "2020-07-20T18:21:53.6158361Z, 2020-07-20T18:21:53.615Z",
      "2024-06-05T09:15:24.000+00:00, 2024-06-05T09:15:24.000Z",
      "2024-06-05T11:15:24+02:00, 2024-06-05T09:15:24.000Z",
      "2024-06-05 09:15:24, 2024-06-05T09:15:24.000Z",
      "1483557272, 2017-01-04T19:14:32.000Z",
      "1483557272.123, 2017-01-04T19:14:32.123Z",
      "1717493410000, 2024-06-04T09:30:10.000Z"
  })
  @DisplayName("ISO 8601 with and without offset, epoch seconds and milliseconds")
  void parses(String input, String expected) {
    assertEquals(expected, Timestamps.format(Timestamps.parse(input).orElseThrow()));
  }

  @Test
  @DisplayName("Numbers work as numbers too; garbage and absurd values do not parse")
  void numbersAndGarbage() {
    assertEquals(Optional.of(Instant.parse("2017-01-04T19:14:32Z")), Timestamps.parse(LongNode.valueOf(1483557272L)));
    assertEquals(Optional.of(Instant.parse("2017-01-04T19:14:32.500Z")), Timestamps.parse(DoubleNode.valueOf(1483557272.5)));
    for (String junk : new String[] {"yesterday", "", "2024-13-45T00:00:00Z", "-1", "99999999999999999999",
        "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z"}) {
      assertEquals(Optional.empty(), Timestamps.parse(TextNode.valueOf(junk)), junk);
    }
  }

  @Test
  @DisplayName("The hand-written UTC reader and writer agree with java.time on 20,000 random instants and on edges")
  void handWrittenUtcPathAgreesWithJavaTime() {
    java.util.Random random = new java.util.Random(42);
    long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      Instant instant = Instant.ofEpochSecond(first + (long) (random.nextDouble() * (last - first)),
          random.nextInt(1_000_000_000));
      String iso = instant.toString();
      assertEquals(Optional.of(instant), Timestamps.parse(iso), iso);
      assertEquals(WIRE.format(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)),
          Timestamps.format(instant), iso);
    }
    for (String edge : new String[] {"2024-02-29T23:59:59.999999999Z", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z",
        "2024-01-01T24:00:00Z", "2024-01-01T00:60:00Z", "2024-01-01T00:00:60Z", "2024-01-01T00:00:00.Z",
        "2024-01-01T00:00:00.1234567890Z", "2024-01-01t00:00:00Z", "2024-01-01T00:00:00z", "２０２４-01-01T00:00:00Z",
        "2024-1-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2024-01-01T00:00:00.5Z"}) {
      assertEquals(Timestamps.general(edge), Timestamps.parse(edge), edge);
    }
  }

  @Test
  @DisplayName("Severity words in any case, and risk-score bands")
  void severities() {
    assertEquals(Optional.of(Severity.HIGH), Severity.fromWord("High"));
    assertEquals(Optional.of(Severity.INFO), Severity.fromWord("Informational"));
    assertEquals(Optional.of(Severity.CRITICAL), Severity.fromWord("CRITICAL"));
    assertEquals(Optional.of(Severity.MEDIUM), Severity.fromWord("47"));
    assertEquals(Optional.empty(), Severity.fromWord("purple"));
    assertEquals(Severity.LOW, Severity.fromRiskScore(21));
    assertEquals(Severity.MEDIUM, Severity.fromRiskScore(22));
    assertEquals(Severity.HIGH, Severity.fromRiskScore(73));
    assertEquals(Severity.CRITICAL, Severity.fromRiskScore(74));
    assertEquals(AlertStatus.OPEN, AlertStatus.fromWord("New"));
    assertEquals(AlertStatus.CLOSED, AlertStatus.fromWord("Closed"));
    assertEquals(AlertStatus.UNKNOWN, AlertStatus.fromWord("weird"));
  }
}
