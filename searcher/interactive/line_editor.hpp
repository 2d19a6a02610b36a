#pragma once
// Reading the session's lines on a terminal: line editing, history kept in a file across sessions, and
// tab completion of field names (`ti` -> `title:`), `:` commands and their fixed arguments, through
// libedit (BSD licence; readline-compatible API).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace newsdig::searcher::interactive {

// $XDG_STATE_HOME/newsdig/history (an absolute XDG_STATE_HOME only, as the XDG spec says), else
// $HOME/.local/state/newsdig/history; empty when neither variable is set.
std::filesystem::path history_path();

// What completing `word` may give, `before` being the line up to the word: after a `:` command that takes
// a fixed word (`:sort `), its words; a word opening the line with `:`, the commands; otherwise the
// field names followed by a colon. Sorted; only those starting with `word`.
struct CompletionWords {
  std::vector<std::string> commands;                                        // ":open"
  std::vector<std::pair<std::string, std::vector<std::string>>> arguments;  // {":sort", {"newest", ...}}
  std::vector<std::string> fields;                                          // "title"
};
std::vector<std::string> complete(std::string_view before, std::string_view word,
                                  const CompletionWords& words);

enum class LineStatus {
  Line,         // a line was entered
  Interrupted,  // Ctrl-C: the line typed so far is dropped
  End,          // Ctrl-D on an empty line, or the input closed
};

struct ReadLine {
  LineStatus status = LineStatus::End;
  std::string text;
};

// One per process (libedit's readline interface is global). History is read from `history_file` now and
// written back after each line (so a killed session keeps it); an empty path keeps no history. Problems
// with the history file are not errors: the session goes on without it.
class LineEditor {
 public:
  LineEditor(std::filesystem::path history_file, CompletionWords words);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  // Shows `prompt` and reads one line. Ctrl-C must be caught (InterruptGuard) for Interrupted to come back.
  ReadLine read(const std::string& prompt);
  // Adds `line` to the history (not twice in a row) and saves the history file.
  void remember(const std::string& line);

 private:
  std::filesystem::path history_file_;
  std::string last_;
};

}  // namespace newsdig::searcher::interactive
