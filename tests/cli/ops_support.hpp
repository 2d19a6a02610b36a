#pragma once
// Shared by the operations CLI suites (ops_*_test.cpp): generated corpora of many small articles, a
// program started in the background to be killed, and the database's figures read back.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include <nlohmann/json.hpp>
#include "common/analysis/analyzer.hpp"

#include "common/schema.hpp"
#include "tests/cli/index_support.hpp"

namespace newsdig::test {

// Writes `files` JSON Lines files of `per_file` articles each under `dir` (ids "<tag>-<file>-<n>"); every
// article holds the word "lighthouse" and the word `tag`.
inline void write_corpus(const std::filesystem::path& dir, const std::string& tag, int files, int per_file) {
  for (int f = 0; f < files; ++f) {
    std::string text;
    for (int n = 0; n < per_file; ++n) {
      const std::string id = tag + "-" + std::to_string(f) + "-" + std::to_string(n);
      text += nlohmann::json{{"id", id},
                             {"title", "Harbour notice " + std::to_string(f * per_file + n)},
                             {"body", "The lighthouse keeper reported " + tag + " sightings near pier " +
                                          std::to_string(n) + " on Friday, officials said."},
                             {"date", "2024-03-" + std::to_string(10 + f % 10)},
                             {"source", f % 2 == 0 ? "Coastal Wire" : "Tidewater Press"}}
                  .dump() +
              "\n";
    }
    write_file(dir / ("part-" + std::to_string(100 + f) + ".jsonl"), text);
  }
}

// A program running in the background, its output thrown away.
class Background {
 public:
  explicit Background(const std::vector<std::string>& argv) {
    std::vector<std::string> args = argv;
    std::vector<char*> pointers;
    for (auto& arg : args) pointers.push_back(arg.data());
    pointers.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      const int null = ::open("/dev/null", O_RDWR);
      ::dup2(null, STDIN_FILENO);
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
      ::execv(pointers[0], pointers.data());
      ::_exit(127);
    }
  }
  ~Background() { kill_now(); }
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  // kill -9, then reaps it. Returns its exit status, or 128 + signal.
  int kill_now() {
    if (pid_ <= 0) return status_;
    ::kill(pid_, SIGKILL);
    return wait();
  }
  pid_t pid() const { return pid_; }
  int wait() {
    if (pid_ <= 0) return status_;
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return status_;
  }

 private:
  pid_t pid_ = -1;
  int status_ = -1;
};

// Articles of the database at `db` holding the (unprefixed, lower-case) word `word`, read straight from
// Xapian: search results group articles of one story, and these articles all tell the same one.
// How many articles of the database at `db` hold `word` (an English word, looked up by its index form).
inline Xapian::doccount count_with(const std::string& db, const std::string& word) {
  newsdig::analysis::Analyzer analyzer;
  const auto tokens = analyzer.tokenize(word);
  if (tokens.size() != 1) throw std::invalid_argument("count_with takes one word");
  return Xapian::Database(db).get_termfreq(analyzer.index_form(tokens.front(), "en"));
}

// The unique-id terms of the database at `db` and how many articles hold each.
inline std::map<std::string, Xapian::doccount> id_terms(const std::string& db) {
  Xapian::Database database(db);
  const std::string prefix(schema::prefix::kId);
  std::map<std::string, Xapian::doccount> ids;
  for (auto it = database.allterms_begin(prefix); it != database.allterms_end(prefix); ++it) {
    ids[*it] = it.get_termfreq();
  }
  return ids;
}

// `newsdig-index stats --json` of `db`, parsed (an empty object if it failed).
inline nlohmann::json db_stats(const std::filesystem::path& db) {
  auto result = run_index({"stats", "--db", db.string(), "--json"});
  if (result.exit_code != 0) return nlohmann::json::object();
  return nlohmann::json::parse(result.out);
}

}  // namespace newsdig::test
