// The `standmatch` Python module: a thin mapping over libmatch.
//
// Objects wrap the library's values (Event, Rules, ScoreTable, Schedule); a
// ScoreTable and a Schedule keep their event alive. Every match::Status that is
// not ok becomes a standmatch.Error (a ValueError) whose message is the status
// text, exactly as the command line prints it. Scores are exposed as numpy
// arrays, schedules as schedule.json text plus a metrics dict. Scoring,
// scheduling, re-planning and comparing release the GIL while the library works
// (the objects they read must not be changed meanwhile: none of them is mutable
// from Python).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>

#include "match/domain/awards.h"
#include "match/domain/territory.h"
#include "match/io/awards_io.h"
#include "match/io/event_io.h"
#include "match/io/rules.h"
#include "match/replan/changes.h"
#include "match/replan/replan.h"
#include "match/replan/schedule_diff.h"
#include "match/schedule/check.h"
#include "match/schedule/schedule.h"
#include "match/score/ranking.h"
#include "match/score/scoring.h"
#include "match/tools/compare.h"
#include "match/tools/fit.h"
#include "match/tools/source.h"

namespace py = pybind11;

namespace {

// The Python class standmatch.Error, set when the module is initialised.
py::object* error_type = nullptr;

// The one place a failed status becomes a Python exception.
void ThrowIfError(const match::Status& status) {
  if (status.ok()) return;
  PyErr_SetString(error_type->ptr(), status.ToString().c_str());
  throw py::error_already_set();
}

template <class T>
T ValueOrThrow(match::Result<T>&& result) {
  if (!result.ok()) ThrowIfError(result.status());
  return std::move(result).value();
}

using EventPtr = std::shared_ptr<const match::Event>;

struct PyScores {
  EventPtr event;
  match::ScoreTable table;
};

struct PySchedule {
  EventPtr event;
  match::Schedule schedule;
};

py::dict MetricsDict(const match::Metrics& m) {
  py::dict d;
  d["meetings"] = m.meetings;
  d["suppliers"] = m.suppliers;
  d["suppliers_with_candidate"] = m.suppliers_with_candidate;
  d["suppliers_met"] = m.suppliers_met;
  d["coverage"] = m.coverage;
  d["total_score"] = m.total_score;
  d["mean_score"] = m.mean_score;
  d["mean_meetings_per_supplier"] = m.mean_meetings_per_supplier;
  d["stand_fill_rate"] = m.stand_fill_rate;
  d["supplier_breaks"] = m.supplier_breaks;
  d["stand_breaks"] = m.stand_breaks;
  d["mean_supplier_breaks"] = m.mean_supplier_breaks;
  d["mean_stand_breaks"] = m.mean_stand_breaks;
  d["max_supplier_breaks"] = m.max_supplier_breaks;
  d["max_stand_breaks"] = m.max_stand_breaks;
  py::dict shares;
  for (const auto& s : m.shares) {
    py::dict share;
    share["meetings"] = s.meetings;
    share["registrants"] = s.registrants;
    shares[py::str(s.category)] = share;
  }
  d["shares"] = shares;
  d["wishes"] = py::dict(py::arg("must") = m.wishes_must, py::arg("must_met") = m.wishes_must_met,
                         py::arg("want") = m.wishes_want, py::arg("want_met") = m.wishes_want_met);
  d["invitations"] = py::dict(py::arg("must") = m.invitations_must, py::arg("must_met") = m.invitations_must_met,
                              py::arg("want") = m.invitations_want, py::arg("want_met") = m.invitations_want_met);
  return d;
}

// A supplier or stand given by id (str) or index (int).
int IndexOf(const match::Event& event, const py::object& key, bool supplier) {
  const int count = static_cast<int>(supplier ? event.suppliers.size() : event.stands.size());
  const char* what = supplier ? "supplier" : "stand";
  if (py::isinstance<py::str>(key)) {
    auto id = key.cast<std::string>();
    auto found = supplier ? event.FindSupplier(id) : event.FindStand(id);
    if (!found) ThrowIfError(match::Status::NotFound(std::string("no ") + what + " \"" + id + "\""));
    return *found;
  }
  int index = key.cast<int>();
  if (index < 0 || index >= count)
    ThrowIfError(match::Status::NotFound(std::string(what) + " index " + std::to_string(index) + " out of range"));
  return index;
}

py::list RankingList(const PyScores& scores, const std::vector<const match::PairScore*>& ranking) {
  py::list out;
  const auto& event = *scores.event;
  for (const auto* p : ranking) {
    py::dict d;
    d["supplier"] = p->supplier;
    d["supplier_id"] = event.suppliers[p->supplier].id;
    d["stand"] = p->stand;
    d["stand_id"] = event.stands[p->stand].id;
    d["need_id"] = event.needs[p->need].id;
    d["score"] = p->score;
    d["reasons"] = match::Explain(event, *p, match::Territory::Builtin());
    out.append(d);
  }
  return out;
}

template <class T>
py::array_t<T> Column(const match::PairList& pairs, T (*get)(const match::PairScore&)) {
  py::array_t<T> out(static_cast<py::ssize_t>(pairs.size()));
  auto view = out.template mutable_unchecked<1>();
  for (size_t i = 0; i < pairs.size(); ++i) view(i) = get(pairs[i]);
  return out;
}

}  // namespace

PYBIND11_MODULE(standmatch, m) {
  m.doc() = "standmatch: match suppliers to buyers' stands at reverse-stand procurement forums";
  // Leaked on purpose: it must outlive the interpreter's own clean-up.
  error_type = new py::object(py::exception<std::exception>(m, "Error", PyExc_ValueError));

  // Events.
  py::class_<match::Event, std::shared_ptr<match::Event>>(m, "Event", "a validated event (standmatch.event/1)")
      .def_property_readonly("id", [](const match::Event& e) { return e.id; })
      .def_property_readonly("name", [](const match::Event& e) { return e.name; })
      .def_property_readonly("date", [](const match::Event& e) { return e.date; })
      .def_property_readonly("supplier_ids",
                             [](const match::Event& e) {
                               std::vector<std::string> ids;
                               for (const auto& s : e.suppliers) ids.push_back(s.id);
                               return ids;
                             })
      .def_property_readonly("stand_ids",
                             [](const match::Event& e) {
                               std::vector<std::string> ids;
                               for (const auto& s : e.stands) ids.push_back(s.id);
                               return ids;
                             })
      .def_property_readonly("num_slots", [](const match::Event& e) { return e.slots.size(); })
      .def("__repr__", [](const match::Event& e) {
        return "<standmatch.Event " + e.id + ": " + std::to_string(e.suppliers.size()) + " suppliers, " +
               std::to_string(e.stands.size()) + " stands>";
      });
  m.def(
      "load_event",
      [](const std::string& path) { return std::make_shared<match::Event>(ValueOrThrow(match::LoadEvent(path))); },
      py::arg("path"), "load and validate an event file; errors raise standmatch.Error");
  m.def(
      "parse_event",
      [](const std::string& text, const std::string& file_name) {
        return std::make_shared<match::Event>(ValueOrThrow(match::ParseEvent(text, file_name)));
      },
      py::arg("text"), py::arg("file_name") = "<string>", "parse and validate an event from JSON text");

  // Rules.
  py::class_<match::Rules>(m, "Rules", "scoring and scheduling rules (standmatch.rules/1)")
      .def_readonly("name", &match::Rules::name)
      .def("to_json", &match::Rules::ToJson)
      .def_property_readonly("weights", [](const match::Rules& r) {
        py::dict d;
        for (int c = 0; c < match::kNumCriteria; ++c)
          d[py::str(std::string(match::CriterionName(static_cast<match::Criterion>(c))))] = r.weights[c];
        return d;
      });
  m.def(
      "default_rules", [] { return match::Rules::Default(); }, "the built-in rules");
  m.def(
      "load_rules", [](const std::string& path) { return ValueOrThrow(match::Rules::Load(path)); }, py::arg("path"));
  m.def(
      "parse_rules",
      [](const std::string& text, const std::string& file_name) {
        return ValueOrThrow(match::Rules::Parse(text, file_name));
      },
      py::arg("text"), py::arg("file_name") = "<string>", "rules from JSON text; missing keys take the defaults");

  // Scores.
  py::class_<PyScores, std::shared_ptr<PyScores>>(m, "ScoreTable", "the eligible pairs of an event, scored")
      .def("__len__", [](const PyScores& s) { return s.table.pairs().size(); })
      .def_property_readonly("supplier",
                             [](const PyScores& s) {
                               return Column<int32_t>(s.table.pairs(), [](const match::PairScore& p) {
                                 return static_cast<int32_t>(p.supplier);
                               });
                             })
      .def_property_readonly("stand",
                             [](const PyScores& s) {
                               return Column<int32_t>(s.table.pairs(), [](const match::PairScore& p) {
                                 return static_cast<int32_t>(p.stand);
                               });
                             })
      .def_property_readonly("score",
                             [](const PyScores& s) {
                               return Column<double>(s.table.pairs(),
                                                     [](const match::PairScore& p) { return p.score; });
                             })
      .def_property_readonly("contributions",
                             [](const PyScores& s) {
                               const auto& pairs = s.table.pairs();
                               py::array_t<double> out({static_cast<py::ssize_t>(pairs.size()),
                                                        static_cast<py::ssize_t>(match::kNumCriteria)});
                               auto view = out.mutable_unchecked<2>();
                               for (size_t i = 0; i < pairs.size(); ++i)
                                 for (int c = 0; c < match::kNumCriteria; ++c)
                                   view(i, c) = s.table.Contribution(pairs[i], static_cast<match::Criterion>(c));
                               return out;
                             })
      .def_property_readonly_static("criteria",
                                    [](py::object) {
                                      std::vector<std::string> names;
                                      for (int c = 0; c < match::kNumCriteria; ++c)
                                        names.emplace_back(match::CriterionName(static_cast<match::Criterion>(c)));
                                      return names;
                                    })
      .def_property_readonly("supplier_ids",
                             [](const PyScores& s) {
                               std::vector<std::string> ids;
                               for (const auto& p : s.table.pairs()) ids.push_back(s.event->suppliers[p.supplier].id);
                               return ids;
                             })
      .def_property_readonly("stand_ids",
                             [](const PyScores& s) {
                               std::vector<std::string> ids;
                               for (const auto& p : s.table.pairs()) ids.push_back(s.event->stands[p.stand].id);
                               return ids;
                             })
      .def(
          "csv", [](const PyScores& s) { return match::ScoresCsv(*s.event, s.table); },
          "the text of `standmatch scores`");
  m.def(
      "score",
      [](std::shared_ptr<match::Event> event, const match::Rules& rules) {
        auto out = std::make_shared<PyScores>();
        {
          py::gil_scoped_release release;
          out->table = match::Score(*event, rules);
        }
        out->event = std::move(event);
        return out;
      },
      py::arg("event"), py::arg("rules") = match::Rules::Default());

  // Sourcing from a directory of structures (standmatch source).
  m.def(
      "source",
      [](std::shared_ptr<match::Event> event, const std::string& directory_csv, const std::string& name,
         const match::Rules& rules, int top, const std::string& stand) {
        match::SourceOptions options;
        options.top = top;
        if (!stand.empty()) options.stand = IndexOf(*event, py::str(stand), false);
        auto directory = ValueOrThrow(match::ReadDirectory(match::NamedText{name, directory_csv}));
        py::gil_scoped_release release;
        const auto& territory = match::Territory::Builtin();
        return match::SourcingJson(match::Source(*event, std::move(directory), rules, territory, options), territory);
      },
      py::arg("event"), py::arg("directory_csv"), py::arg("name") = "directory",
      py::arg("rules") = match::Rules::Default(), py::arg("top") = 10, py::arg("stand") = "",
      "the directory's structures most worth inviting per stand, as the JSON text of `standmatch source --json`");

  // Award history.
  py::class_<match::AwardsFile, std::shared_ptr<match::AwardsFile>>(
      m, "Awards", "award history read from a DECP file: one award per (contract, awardee)")
      .def("__len__", [](const match::AwardsFile& a) { return a.awards.size(); })
      .def_readonly("records", &match::AwardsFile::records)
      .def_readonly("left_out", &match::AwardsFile::left_out);
  m.def(
      "load_awards",
      [](const std::string& path) {
        return std::make_shared<match::AwardsFile>(ValueOrThrow(match::LoadAwards(path)));
      },
      py::arg("path"), "read a DECP file (official JSON or flat CSV)");
  m.def(
      "parse_awards",
      [](const std::string& text, const std::string& file_name) {
        return std::make_shared<match::AwardsFile>(ValueOrThrow(match::ParseAwards(text, file_name)));
      },
      py::arg("text"), py::arg("file_name") = "<string>", "award history from DECP text (JSON or flat CSV)");
  m.def(
      "with_awards",
      [](const match::Event& event, const match::AwardsFile& awards) {
        auto out = std::make_shared<match::Event>(event);
        match::AttachAwards(*out, awards.awards);
        return out;
      },
      py::arg("event"), py::arg("awards"),
      "a copy of the event whose suppliers carry their award history (matched by SIRET or SIREN)");
  m.def(
      "fit",
      [](const match::AwardsFile& awards, const match::Rules& start, int folds, int cpv_cap) {
        match::FitOptions options;
        options.folds = folds;
        options.cpv_cap = cpv_cap;
        match::FitReport report;
        auto fit = [&] {
          py::gil_scoped_release release;
          return match::FitWeights(awards.awards, start, options, &report);
        };
        match::Rules rules = ValueOrThrow(fit());
        py::dict d;
        d["contracts"] = report.contracts;
        d["questions"] = report.questions;
        d["missed"] = report.missed;
        d["candidates"] = report.candidates;
        d["loss"] = py::make_tuple(report.loss_start, report.loss_fit);
        d["hit10"] = py::make_tuple(report.hit10_start, report.hit10_fit);
        return py::make_tuple(rules, d);
      },
      py::arg("awards"), py::arg("rules") = match::Rules::Default(), py::arg("folds") = 5, py::arg("cpv_cap") = 10,
      "fit the criterion weights on award history (as `standmatch fit`): (rules, report)");
  m.def(
      "rank_stands",
      [](const PyScores& scores, const py::object& supplier, int top) {
        int index = IndexOf(*scores.event, supplier, true);
        return RankingList(scores, match::RankStands(scores.table, index, top));
      },
      py::arg("scores"), py::arg("supplier"), py::arg("top") = 0,
      "a supplier's stands, best first, with the reasons (top 0: all)");
  m.def(
      "rank_suppliers",
      [](const PyScores& scores, const py::object& stand, int top) {
        int index = IndexOf(*scores.event, stand, false);
        return RankingList(scores, match::RankSuppliers(scores.table, index, top));
      },
      py::arg("scores"), py::arg("stand"), py::arg("top") = 0,
      "a stand's suppliers, best first, with the reasons (top 0: all)");

  // Schedules.
  py::class_<PySchedule, std::shared_ptr<PySchedule>>(m, "Schedule", "a timetable of meetings")
      .def(
          "json", [](const PySchedule& s) { return match::ScheduleToJson(*s.event, s.schedule); },
          "schedule.json text (standmatch.schedule/1)")
      .def_property_readonly("metrics", [](const PySchedule& s) { return MetricsDict(s.schedule.metrics); })
      .def_property_readonly("num_meetings", [](const PySchedule& s) { return s.schedule.meetings.size(); })
      .def_property_readonly("event",
                             [](const PySchedule& s) { return std::const_pointer_cast<match::Event>(s.event); });
  m.def(
      "build_schedule",
      [](std::shared_ptr<match::Event> event, const match::Rules& rules, std::shared_ptr<PyScores> scores) {
        auto out = std::make_shared<PySchedule>();
        auto build = [&]() -> match::Result<match::Schedule> {
          py::gil_scoped_release release;
          if (scores) return match::BuildSchedule(*event, rules, scores->table);
          return match::BuildSchedule(*event, rules, match::Score(*event, rules));
        };
        out->schedule = ValueOrThrow(build());
        out->event = std::move(event);
        return out;
      },
      py::arg("event"), py::arg("rules") = match::Rules::Default(), py::arg("scores") = nullptr,
      "select the meetings and build the timetable (scores: computed when not given)");
  m.def(
      "metrics", [](const PySchedule& s) { return MetricsDict(s.schedule.metrics); }, py::arg("schedule"),
      "the schedule's metrics as a dict (as Schedule.metrics)");
  m.def(
      "parse_schedule",
      [](std::shared_ptr<match::Event> event, const std::string& text, const std::string& file_name) {
        auto out = std::make_shared<PySchedule>();
        out->schedule = ValueOrThrow(match::ParseSchedule(text, file_name, *event));
        out->event = std::move(event);
        return out;
      },
      py::arg("event"), py::arg("text"), py::arg("file_name") = "<string>");
  m.def(
      "check_schedule",
      [](const match::Event& event, const match::Rules& rules, const std::string& schedule_json,
         const std::string& file_name) {
        auto check = ValueOrThrow(match::CheckSchedule(event, rules, schedule_json, file_name));
        py::dict d;
        d["valid"] = check.valid();
        d["meetings"] = check.meetings;
        d["violations"] = check.violations;
        return d;
      },
      py::arg("event"), py::arg("rules"), py::arg("schedule_json"), py::arg("file_name") = "<string>",
      "the independent checker: {'valid', 'meetings', 'violations'}");

  // Re-planning.
  m.def(
      "replan",
      [](const PySchedule& schedule, const match::Rules& rules, const std::string& changes_json,
         const std::string& file_name, std::optional<std::string> now) {
        const match::Event& event = *schedule.event;
        match::ReplanOptions options;
        if (now) {
          options.now = match::ParseTime(*now);
          if (!options.now) ThrowIfError(match::Status::Invalid("now: \"" + *now + "\" is not a time (HH:MM)"));
        }
        auto changes =
            ValueOrThrow(match::ParseChanges(changes_json, file_name, event, schedule.schedule, {}, options.now));
        auto replan = [&]() {
          py::gil_scoped_release release;
          return match::Replan(event, rules, schedule.schedule, changes, options);
        };
        auto result = ValueOrThrow(replan());
        auto changed = std::make_shared<PySchedule>();
        changed->event = std::make_shared<const match::Event>(std::move(result.changed.event));
        changed->schedule = std::move(result.schedule);
        py::dict d;
        d["schedule"] = changed;
        d["diff_json"] = match::DiffToJson(*changed->event, result.diff);
        const auto& st = result.stats;
        d["stats"] =
            py::dict(py::arg("now") = match::FormatTime(st.now), py::arg("first_future_slot") = st.first_future_slot,
                     py::arg("history") = st.history, py::arg("kept") = st.kept, py::arg("cancelled") = st.cancelled,
                     py::arg("displaced") = st.displaced, py::arg("waiting") = st.waiting, py::arg("added") = st.added,
                     py::arg("repairs") = st.repairs, py::arg("moves") = st.moves, py::arg("max_moves") = st.max_moves);
        return d;
      },
      py::arg("schedule"), py::arg("rules"), py::arg("changes_json"), py::arg("file_name") = "<string>",
      py::arg("now") = py::none(),
      "re-plan after day-of changes (standmatch.changes/1 text): {'schedule', 'diff_json', 'stats'}; "
      "the new schedule's event is the event as changed");

  // Comparing rule sets.
  m.def(
      "compare",
      [](const match::Event& event, const std::vector<std::pair<std::string, match::Rules>>& rule_sets,
         const std::string& format) {
        std::vector<match::NamedRules> named;
        for (const auto& [label, rules] : rule_sets) named.push_back({label, rules});
        auto run = [&]() {
          py::gil_scoped_release release;
          return match::CompareRules(event, named);
        };
        auto comparison = ValueOrThrow(run());
        if (format == "json") return match::ComparisonJson(comparison);
        if (format == "html") return match::ComparisonHtml(comparison);
        if (format == "text") return match::ComparisonText(comparison);
        ThrowIfError(match::Status::Invalid("format: \"" + format + "\" is not text, json or html"));
        return std::string();
      },
      py::arg("event"), py::arg("rule_sets"), py::arg("format") = "text",
      "run several (label, rules) pairs on one event: the comparison as text, json or html");
}
