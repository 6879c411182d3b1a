package io.trailtailor.identity;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses the time forms CloudTrail and Kubernetes use, including STS's locale form {@code Apr 16, 2024, 3:20:04 PM}. */
public final class Timestamps {

  // CloudTrail renders credentials.expiration in UTC with an en-US pattern (checked against durationSeconds in
  // the Pod Identity sample of FORMATS.md §3.3: 09:20:04Z + 21600 s = 3:20:04 PM).
  private static final DateTimeFormatter LOCALE_FORM =
      DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US);

  private Timestamps() {}

  /** The instant of an ISO-8601 or locale-form timestamp, or null when absent or unreadable. */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    // Newer JDK/CLDR data put a narrow no-break space before AM/PM; normalize so both renderings parse.
    String s = text.trim().replace('\u202f', ' ').replace('\u00a0', ' ');
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ignored) {
      // fall through
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException ignored) {
      // fall through
    }
    try {
      return LocalDateTime.parse(s, LOCALE_FORM).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // fall through
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      return null;
    }
  }
}
