// ParseDateTime: ISO date-times with an offset, or in French metropolitan time.
#include <catch2/catch.hpp>

#include "match/domain/model.h"

using match::ParseDateTime;

TEST_CASE("date-time: offsets, UTC and French time with its summer time", "[date_time]") {
  CHECK(ParseDateTime("1970-01-01T00:00Z") == 0);
  CHECK(ParseDateTime("2025-03-20T18:00Z") == 1742493600);
  CHECK(ParseDateTime("2025-03-20T18:00:30+01:00") == 1742493600 - 3600 + 30);
  CHECK(ParseDateTime("2025-03-20T18:00-05:00") == 1742493600 + 5 * 3600);
  // Without an offset: Europe/Paris, UTC+1 in winter, UTC+2 from 2025-03-30 01:00 UTC to
  // 2025-10-26 01:00 UTC.
  CHECK(ParseDateTime("2025-03-20T18:00") == 1742493600 - 3600);
  CHECK(ParseDateTime("2025-07-01T12:00") == *ParseDateTime("2025-07-01T10:00Z"));
  CHECK(ParseDateTime("2025-03-30T01:59") == *ParseDateTime("2025-03-30T00:59Z"));
  CHECK(ParseDateTime("2025-03-30T03:00") == *ParseDateTime("2025-03-30T01:00Z"));
  CHECK(ParseDateTime("2025-10-26T04:00") == *ParseDateTime("2025-10-26T03:00Z"));
  CHECK(ParseDateTime("2024-02-29T00:00Z").has_value());
  for (const char* bad : {"", "2025-03-20", "2025-02-29T10:00", "2025-13-01T10:00", "2025-03-20T24:00",
                          "2025-03-20T18:00+1", "2025-03-20T18:00Zulu", "demain", "2025-03-20T18:60"})
    CHECK_FALSE(ParseDateTime(bad).has_value());
}
