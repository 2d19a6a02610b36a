#include "searcher/interactive/commands.hpp"

#include <array>
#include <charconv>
#include <string>

namespace newsdig::searcher::interactive {
namespace {

void no_argument(std::string_view argument, std::string_view command) {
  if (!argument.empty()) throw UsageError(std::string(command) + " takes nothing after it");
}

std::string needed(std::string_view argument, std::string_view command, std::string_view what) {
  if (argument.empty()) throw UsageError(std::string(command) + " needs " + std::string(what));
  return std::string(argument);
}

results::SortOrder sort_order(std::string_view word) {
  if (word == "relevance") return results::SortOrder::Relevance;
  if (word == "newest") return results::SortOrder::Newest;
  if (word == "oldest") return results::SortOrder::Oldest;
  throw UsageError(":sort takes newest, oldest or relevance, not '" + std::string(word) + "'");
}

const std::array kCommands = {
    Command{":n", "", "next page", "",
            [](Session& s, std::string_view a) {
              no_argument(a, ":n");
              s.next_page();
            }},
    Command{":p", "", "previous page", "",
            [](Session& s, std::string_view a) {
              no_argument(a, ":p");
              s.previous_page();
            }},
    Command{":open", "N", "article N in full through $PAGER (default less -R), matches highlighted", "",
            [](Session& s, std::string_view a) { s.open(parse_rank(a, ":open")); }},
    Command{":like", "N", "articles like article N (relevance feedback)", "",
            [](Session& s, std::string_view a) { s.like(parse_rank(a, ":like")); }},
    Command{":story", "N", "the reports of hit N's story, oldest first (:back returns)", "",
            [](Session& s, std::string_view a) { s.story(parse_rank(a, ":story")); }},
    Command{":back", "", "back to the results :story left", "",
            [](Session& s, std::string_view a) {
              no_argument(a, ":back");
              s.back();
            }},
    Command{":sort", "ORDER", "order hits: newest, oldest or relevance", "newest oldest relevance",
            [](Session& s, std::string_view a) {
              s.set_sort(sort_order(needed(a, ":sort", "newest, oldest or relevance")));
            }},
    Command{":since", "DATE", "only articles from DATE on (2014-09-21, 2014-09, 2014, last-30-days)", "",
            [](Session& s, std::string_view a) {
              s.set_since(needed(a, ":since", "a date (2014-09, last-30-days)"));
            }},
    Command{":until", "DATE", "only articles up to the end of DATE", "",
            [](Session& s, std::string_view a) {
              s.set_until(needed(a, ":until", "a date (2014-09, last-30-days)"));
            }},
    Command{":clear", "", "drop the date filters and sort by relevance again", "",
            [](Session& s, std::string_view a) {
              no_argument(a, ":clear");
              s.clear_filters();
            }},
    Command{":facets", "", "who, what, where and when of all the hits, counted", "",
            [](Session& s, std::string_view a) {
              no_argument(a, ":facets");
              s.facets();
            }},
    Command{":timeline", "", "hits per month (per day over short spans)", "",
            [](Session& s, std::string_view a) {
              no_argument(a, ":timeline");
              s.timeline();
            }},
    Command{":explain", "", "how the query was read: words, stems, fields, dates", "",
            [](Session& s, std::string_view a) {
              no_argument(a, ":explain");
              s.explain();
            }},
    Command{":db", "PATH", "search another database", "",
            [](Session& s, std::string_view a) { s.use_database(needed(a, ":db", "a database path")); }},
    Command{":help", "", "this list", "", [](Session& s, std::string_view) { s.help(); }},
    Command{":quit", "", "leave (Ctrl-D too)", "", [](Session& s, std::string_view) { s.quit(); }},
};

}  // namespace

std::span<const Command> commands() {
  return kCommands;
}

const Command* find_command(std::string_view name) {
  for (const auto& command : kCommands) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

unsigned parse_rank(std::string_view text, std::string_view command) {
  unsigned rank = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), rank);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || rank == 0) {
    throw UsageError(std::string(command) + " needs the number of a hit (" + std::string(command) + " 3)");
  }
  return rank;
}

}  // namespace newsdig::searcher::interactive
