// CsvTable: a spreadsheet export read into rows of text fields, each row knowing the
// physical line it starts on, so that messages can point the organiser at it.
//
// ReadCsvTable accepts what spreadsheets write: UTF-8 with or without a byte-order
// mark (or Windows-1252, which Excel writes for "CSV (séparateur: point-virgule)",
// converted to UTF-8 with a warning), `;`, `,` or tab separators detected from the
// header line, quoted fields holding separators, doubled quotes and newlines, LF or
// CRLF line ends. Parsing is delegated to libcsv in strict mode. Blank rows (every
// field empty) are skipped. Internal to libmatch; plain values, thread-compatible.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "match/base/status.h"

namespace match::csv {

struct CsvRow {
  int line = 0;                     // physical line (1-based) where the row starts
  std::vector<std::string> fields;  // unquoted; surrounding spaces of unquoted fields trimmed
};

struct CsvTable {
  char separator = ',';
  int header_line = 0;  // 0 when the file holds no row at all
  std::vector<std::string> header;
  std::vector<CsvRow> rows;  // data rows, header excluded

  // Keeps a record read: the header when there is none yet, else a data row.
  void Add(int line, const std::vector<std::string_view>& fields);
};

// Problems found while reading, as (line, message); line 0 means the whole file.
struct CsvProblem {
  int line = 0;
  std::string message;
};

// Reads TEXT. Parse errors (a malformed or unclosed quoted field) stop the reading:
// the rows before it are kept and the error is appended to ERRORS. Encoding notes go
// to WARNINGS.
CsvTable ReadCsvTable(std::string_view text, std::vector<CsvProblem>* errors, std::vector<CsvProblem>* warnings);

// ReadCsvTable's rows handed out one by one instead of kept (a directory of 10^5 rows
// read without a table): TEXT decoded and its separator detected as ReadCsvTable does,
// then ON_ROW(line, fields) called for the header row and each data row, blank rows
// skipped, FIELDS valid only during the call. ERRORS and WARNINGS as ReadCsvTable's.
// Returns the separator.
using RecordCallback = std::function<void(int line, const std::vector<std::string_view>& fields)>;
char ForEachCsvRow(std::string_view text, const RecordCallback& on_row, std::vector<CsvProblem>* errors,
                   std::vector<CsvProblem>* warnings);

// The one CSV tokenizer of standmatch, under ReadCsvTable and every table reader:
// calls ON_RECORD(line, fields) for each record of TEXT (libcsv, strict RFC 4180
// quoting, an optional UTF-8 byte-order mark, LF or CRLF), LINE being the physical line
// (1-based) where the record starts. FIELDS are valid only during the call. Stops at
// the first malformed quoted field: the records before it are delivered, ERROR says
// where, and the result is false. Lines without a quote character are split without
// libcsv's state machine, with the same result; PLAIN_LINES false sends every line
// through libcsv (for tests that compare both).
bool ForEachRecord(std::string_view text, char separator, const RecordCallback& on_record, CsvProblem* error,
                   bool plain_lines = true);

// A built-in table of two columns, a key and a list of words separated by blanks
// ("postal,insee" / "75001,75101"), header KEY_NAME,LIST_NAME: calls ON_ITEM(line, key,
// word) for each word of each row, in order. A wrong header, a row without both columns
// and a malformed CSV text are errors in DIAG ("line N: ...", WHAT naming the row's content).
using ListItemCallback = std::function<void(int line, std::string_view key, std::string_view item)>;
void ForEachListItem(std::string_view text, std::string_view key_name, std::string_view list_name,
                     const std::string& what, Diagnostics& diag, const ListItemCallback& on_item);

// True when TEXT is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

}  // namespace match::csv
