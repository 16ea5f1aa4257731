// Builds a schedule for the event file given on the command line with the installed
// library's public headers only, and prints "meetings: N".
#include <iostream>

#include "match/io/event_io.h"
#include "match/io/rules.h"
#include "match/schedule/schedule.h"
#include "match/score/scoring.h"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  auto event = match::LoadEvent(argv[1]);
  if (!event.ok()) {
    std::cerr << event.status().ToString() << "\n";
    return 1;
  }
  const match::Rules rules = match::Rules::Default();
  auto schedule = match::BuildSchedule(*event, rules, match::Score(*event, rules));
  if (!schedule.ok()) return 1;
  std::cout << "meetings: " << schedule->meetings.size() << "\n";
  return 0;
}
