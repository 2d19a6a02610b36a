// Runs the fuzz target without libFuzzer, deterministically: every file of the seed corpus, then
// mutations of them from a fixed random seed (bytes inserted, deleted, replaced; pieces of other seeds
// spliced in). Prints the input that throws anything but SyntaxError, or that crashes under the
// sanitizers, and exits 1. Usage: fuzz_query_replay CORPUS_DIR [MUTATIONS_PER_SEED]
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

// Pieces of query syntax the mutator inserts, so mutations reach deep states quickly.
const std::vector<std::string> kTokens = {
    "(",     ")",   "\"",         "*",          "-",       "+",           ":",         " ",     "..",
    "AND",   "OR",  "NOT",        "NEAR",       "NEAR/2",  "ADJ/0",       "title:",    "date:", "mentions:",
    "lang:", "id:", "person:",    "body:",      "2014-09", "last-3-days", "this-year", "日本",  "\xff",
    "\t",    "x*",  "post-World", "NEAR/99999", "today..", "..2014",      "foo:"};

std::string describe(const std::string& input) {
  std::string out;
  for (char byte : input) {
    auto c = static_cast<unsigned char>(byte);
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out.push_back(byte);
    } else {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      out += buffer;
    }
  }
  return out;
}

bool run(const std::string& input) {
  try {
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
    return true;
  } catch (const std::exception& error) {
    std::cerr << "fuzz_query_replay: input \"" << describe(input) << "\" threw: " << error.what() << "\n";
  } catch (...) {
    std::cerr << "fuzz_query_replay: input \"" << describe(input) << "\" threw a non-standard exception\n";
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: fuzz_query_replay CORPUS_DIR [MUTATIONS_PER_SEED]\n";
    return 2;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cerr << "fuzz_query_replay: no seed files in " << argv[1] << "\n";
    return 2;
  }
  std::vector<std::string> seeds;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const unsigned long mutations = argc == 3 ? std::stoul(argv[2]) : 100;

  std::mt19937 random(20141115);
  auto below = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
  std::size_t runs = 0;
  bool ok = true;
  for (const auto& seed : seeds) {
    ok = run(seed) && ok;
    ++runs;
    for (unsigned long i = 0; i < mutations; ++i) {
      std::string input = seed;
      std::size_t edits = 1 + below(8);
      for (std::size_t k = 0; k < edits; ++k) {
        std::size_t at = input.empty() ? 0 : below(input.size() + 1);
        switch (below(5)) {
          case 0:
            if (!input.empty() && at < input.size())
              input.erase(at, 1 + below(std::min<std::size_t>(4, input.size() - at)));
            break;
          case 1: input.insert(at, kTokens[below(kTokens.size())]); break;
          case 2:
            if (!input.empty() && at < input.size()) input[at] = static_cast<char>(below(256));
            break;
          case 3: {
            const std::string& other = seeds[below(seeds.size())];
            if (other.empty()) break;
            std::size_t from = below(other.size());
            input.insert(at, other.substr(from, 1 + below(other.size() - from)));
            break;
          }
          default: input.insert(at, 1, static_cast<char>(below(256))); break;
        }
      }
      ok = run(input) && ok;
      ++runs;
    }
  }
  std::cout << "fuzz_query_replay: " << runs << " inputs from " << seeds.size() << " seeds"
            << (ok ? ", all parsed or refused cleanly\n" : ", some FAILED (see above)\n");
  return ok ? 0 : 1;
}
