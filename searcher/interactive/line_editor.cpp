#include "searcher/interactive/line_editor.hpp"

#include <editline/readline.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <system_error>
#include <utility>

#include "searcher/interactive/terminal.hpp"

namespace newsdig::searcher::interactive {
namespace {

constexpr int kHistoryLines = 1000;

// libedit calls back through plain functions: the words and the matches being handed out live here.
std::optional<CompletionWords> g_words;
std::vector<std::string> g_matches;
std::size_t g_next_match = 0;
bool g_append_space = true;

char* next_match(const char*, int state) {
  if (state == 0) g_next_match = 0;
  if (g_next_match >= g_matches.size()) return nullptr;
  // readline frees what it is given, with free().
  return ::strdup(g_matches[g_next_match++].c_str());
}

char** attempt_completion(const char* text, int start, int) {
  rl_attempted_completion_over = 1;  // never fall back to file names
  if (!g_words || rl_line_buffer == nullptr) return nullptr;
  std::string_view line(rl_line_buffer);
  std::string_view before =
      line.substr(0, std::min(line.size(), static_cast<std::size_t>(std::max(start, 0))));
  g_matches = complete(before, text, *g_words);
  // A field name goes on with its value (`title:` + word), a command or argument with a space.
  g_append_space = g_matches.empty() || g_matches.front().back() != ':';
  rl_completion_append_character = g_append_space ? ' ' : '\0';
  if (g_matches.empty()) return nullptr;
  return rl_completion_matches(text, next_match);
}

// Keys come through read_key, so Ctrl-C ends the wait for a key even when it came just before it.
int read_byte(FILE* stream) {
  return read_key(::fileno(stream));
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::filesystem::path history_path() {
  const char* state = std::getenv("XDG_STATE_HOME");
  if (state != nullptr && state[0] == '/') return std::filesystem::path(state) / "newsdig" / "history";
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0') return std::filesystem::path(home) / ".local/state/newsdig/history";
  return {};
}

std::vector<std::string> complete(std::string_view before, std::string_view word,
                                  const CompletionWords& words) {
  std::vector<std::string> found;
  auto add_matching = [&](const std::vector<std::string>& candidates, std::string_view suffix) {
    for (const auto& candidate : candidates) {
      if (starts_with(candidate, word)) found.push_back(candidate + std::string(suffix));
    }
  };
  const auto first = before.find_first_not_of(' ');
  const std::string_view line = first == std::string_view::npos ? std::string_view() : before.substr(first);
  if (!line.empty() && line.front() == ':') {
    const std::string_view command = line.substr(0, line.find(' '));
    for (const auto& [name, arguments] : words.arguments) {
      // Only the command's first argument is completed.
      if (name == command && line.find_first_not_of(' ', command.size()) == std::string_view::npos) {
        add_matching(arguments, "");
      }
    }
  } else if (line.empty() && starts_with(word, ":")) {
    add_matching(words.commands, "");
  } else {
    add_matching(words.fields, ":");
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

LineEditor::LineEditor(std::filesystem::path history_file, CompletionWords words)
    : history_file_(std::move(history_file)) {
  g_words = std::move(words);
  rl_readline_name = "newsdig";
  rl_catch_signals = 0;  // Ctrl-C is the session's (InterruptGuard)
  rl_attempted_completion_function = attempt_completion;
  rl_getc_function = read_byte;
  // Words break where a query word can start: after a space, a bracket, a sign or a quote.
  static char break_characters[] = " \t\n\"()+-";
  rl_completer_word_break_characters = break_characters;
  rl_basic_word_break_characters = break_characters;
  stifle_history(kHistoryLines);
  if (!history_file_.empty()) {
    std::error_code error;
    std::filesystem::create_directories(history_file_.parent_path(), error);
    ::read_history(history_file_.c_str());  // none yet is fine
  }
}

LineEditor::~LineEditor() {
  rl_attempted_completion_function = nullptr;
  g_words.reset();
}

ReadLine LineEditor::read(const std::string& prompt) {
  clear_interrupt();
  char* line = ::readline(prompt.c_str());
  if (interrupted()) {
    // read_key ended the line at Ctrl-C: what was typed is dropped.
    std::free(line);
    clear_interrupt();
    return {LineStatus::Interrupted, {}};
  }
  if (line == nullptr) return {LineStatus::End, {}};
  ReadLine result{LineStatus::Line, line};
  std::free(line);
  return result;
}

void LineEditor::remember(const std::string& line) {
  if (line.empty() || line == last_) return;
  last_ = line;
  ::add_history(line.c_str());
  if (history_file_.empty()) return;
  if (::write_history(history_file_.c_str()) == 0) {
    // Queries can be private: the file is the user's alone.
    std::error_code error;
    std::filesystem::permissions(
        history_file_, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, error);
  }
}

}  // namespace newsdig::searcher::interactive
