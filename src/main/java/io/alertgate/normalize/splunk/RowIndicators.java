package io.alertgate.normalize.splunk;

import io.alertgate.normalize.IndicatorValues;
import io.alertgate.normalize.Indicators;
import io.alertgate.normalize.Indicators.IpRole;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The indicators of a row, read from the Splunk Common Information Model field names. The order matters: an
 * address keeps the role it is first seen in, so the explicit source and destination fields come first.
 */
final class RowIndicators {

  private record Field(String name, BiConsumer<Indicators, String> add) {}

  private static final List<Field> RESULT_FIELDS = fields("host");
  // A notable's host is the search head that wrote it; ES keeps the matched event's host as orig_host.
  private static final List<Field> NOTABLE_FIELDS = fields("orig_host");

  private RowIndicators() {
  }

  /** Offers every value of every known field; the collector drops what is not a valid indicator. */
  static void fromResult(ResultRow row, Indicators out) {
    collect(RESULT_FIELDS, row, out);
  }

  static void fromNotable(ResultRow row, Indicators out) {
    collect(NOTABLE_FIELDS, row, out);
  }

  private static void collect(List<Field> fields, ResultRow row, Indicators out) {
    for (Field field : fields) {
      for (String value : row.values(field.name())) {
        field.add().accept(out, value);
      }
    }
  }

  private static List<Field> fields(String hostField) {
    return List.of(
        new Field("src_ip", (out, value) -> out.ip(value, IpRole.SOURCE)),
        new Field("src", (out, value) -> addressOrHost(out, value, IpRole.SOURCE)),
        new Field("dest_ip", (out, value) -> out.ip(value, IpRole.DESTINATION)),
        new Field("dest", (out, value) -> addressOrHost(out, value, IpRole.DESTINATION)),
        new Field("clientip", (out, value) -> out.ip(value, IpRole.OTHER)),
        new Field("ip", (out, value) -> out.ip(value, IpRole.OTHER)),
        new Field(hostField, Indicators::host),
        new Field("dvc", Indicators::host),
        new Field("src_host", Indicators::host),
        new Field("dest_host", Indicators::host),
        new Field("user", Indicators::user),
        new Field("src_user", Indicators::user),
        new Field("dest_user", Indicators::user),
        new Field("user_name", Indicators::user),
        new Field("url", Indicators::url),
        new Field("uri", Indicators::url),
        new Field("domain", Indicators::domain),
        new Field("query", Indicators::domain),
        new Field("dest_dns", Indicators::domain),
        new Field("file_hash", Indicators::hash),
        new Field("hash", Indicators::hash),
        new Field("md5", Indicators::hash),
        new Field("sha1", Indicators::hash),
        new Field("sha256", Indicators::hash));
  }

  // CIM's src and dest hold an address or a name, whichever the data source knew.
  private static void addressOrHost(Indicators out, String value, IpRole role) {
    if (IndicatorValues.ip(value).isPresent()) {
      out.ip(value, role);
    } else {
      out.host(value);
    }
  }
}
