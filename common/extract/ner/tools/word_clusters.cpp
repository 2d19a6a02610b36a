#include "common/extract/ner/tools/word_clusters.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <istream>
#include <limits>
#include <numeric>
#include <ostream>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>

#include "common/extract/ner/lexicon.hpp"
#include "common/extract/ner/tokenizer.hpp"

namespace newsdig::extract::ner::tools {
namespace {

constexpr std::uint32_t kBoundary = std::numeric_limits<std::uint32_t>::max();
constexpr int kSlots = 4;                   // context positions -2, -1, +1, +2
constexpr std::uint32_t kShapeClasses = 5;  // for context words outside the context vocabulary, and edges

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Corpus {
  std::vector<std::string> words;     // id -> word
  std::vector<std::uint64_t> counts;  // id -> occurrences
  std::vector<std::uint32_t> stream;  // ids, kBoundary between sentences
};

Corpus read_corpus(std::istream& in, std::ostream& log) {
  Corpus corpus;
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::string block;
  std::string line;
  auto flush = [&] {
    tokenize(block, tokens, sentences);
    for (const Sentence& sentence : sentences) {
      for (auto i = sentence.first; i < sentence.last; ++i) {
        auto [it, inserted] =
            ids.try_emplace(tokens[i].form, static_cast<std::uint32_t>(corpus.words.size()));
        if (inserted) {
          corpus.words.push_back(tokens[i].form);
          corpus.counts.push_back(0);
        }
        ++corpus.counts[it->second];
        corpus.stream.push_back(it->second);
      }
      corpus.stream.push_back(kBoundary);
    }
    block.clear();
    tokens.clear();
    sentences.clear();
  };
  while (std::getline(in, line)) {
    bool blank = line.find_first_not_of(" \t\r") == std::string::npos;
    if (line.starts_with("-- ") || blank) {
      flush();
      continue;
    }
    block += line;
    block += '\n';
    if (block.size() > (1U << 20)) flush();
  }
  flush();
  log << "  read " << corpus.stream.size() << " tokens, " << corpus.words.size() << " distinct words\n";
  return corpus;
}

std::uint32_t shape_class(const std::string& word) {
  unsigned char first = word.empty() ? 0 : static_cast<unsigned char>(word[0]);
  if (first >= 'A' && first <= 'Z') return 0;
  if (std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) return 1;
  if (first >= 'a' && first <= 'z') return 2;
  return 3;
}

// A sparse matrix in compressed rows.
struct Sparse {
  std::size_t rows = 0;
  std::size_t columns = 0;
  std::vector<std::size_t> starts;  // rows + 1
  std::vector<std::uint32_t> column;
  std::vector<float> value;
};

// Dense row-major matrix.
struct Dense {
  std::size_t rows = 0;
  std::size_t columns = 0;
  std::vector<double> data;
  Dense(std::size_t r, std::size_t c) : rows(r), columns(c), data(r * c, 0.0) {}
  double* row(std::size_t r) { return data.data() + r * columns; }
  const double* row(std::size_t r) const { return data.data() + r * columns; }
};

// out = M * x  (x: M.columns x k)
Dense multiply(const Sparse& m, const Dense& x) {
  Dense out(m.rows, x.columns);
  for (std::size_t r = 0; r < m.rows; ++r) {
    double* target = out.row(r);
    for (std::size_t k = m.starts[r]; k < m.starts[r + 1]; ++k) {
      const double* source = x.row(m.column[k]);
      double v = m.value[k];
      for (std::size_t j = 0; j < x.columns; ++j) target[j] += v * source[j];
    }
  }
  return out;
}

// out = M^T * x  (x: M.rows x k)
Dense multiply_transposed(const Sparse& m, const Dense& x) {
  Dense out(m.columns, x.columns);
  for (std::size_t r = 0; r < m.rows; ++r) {
    const double* source = x.row(r);
    for (std::size_t k = m.starts[r]; k < m.starts[r + 1]; ++k) {
      double* target = out.row(m.column[k]);
      double v = m.value[k];
      for (std::size_t j = 0; j < x.columns; ++j) target[j] += v * source[j];
    }
  }
  return out;
}

// Orthonormal columns by Cholesky QR, twice (CholeskyQR2): stable for the condition numbers met here.
void orthonormalize(Dense& y) {
  const std::size_t k = y.columns;
  for (int round = 0; round < 2; ++round) {
    std::vector<double> gram(k * k, 0.0);
    for (std::size_t r = 0; r < y.rows; ++r) {
      const double* row = y.row(r);
      for (std::size_t a = 0; a < k; ++a) {
        for (std::size_t b = a; b < k; ++b) gram[a * k + b] += row[a] * row[b];
      }
    }
    // gram = R^T R, R upper triangular.
    std::vector<double> upper(k * k, 0.0);
    for (std::size_t a = 0; a < k; ++a) {
      double diagonal = gram[a * k + a];
      for (std::size_t p = 0; p < a; ++p) diagonal -= upper[p * k + a] * upper[p * k + a];
      diagonal = std::sqrt(std::max(diagonal, 1e-30));
      upper[a * k + a] = diagonal;
      for (std::size_t b = a + 1; b < k; ++b) {
        double value = gram[a * k + b];
        for (std::size_t p = 0; p < a; ++p) value -= upper[p * k + a] * upper[p * k + b];
        upper[a * k + b] = value / diagonal;
      }
    }
    // Y <- Y R^-1, row by row (forward substitution on x R = y).
    std::vector<double> solved(k);
    for (std::size_t r = 0; r < y.rows; ++r) {
      double* row = y.row(r);
      for (std::size_t b = 0; b < k; ++b) {
        double value = row[b];
        for (std::size_t p = 0; p < b; ++p) value -= solved[p] * upper[p * k + b];
        solved[b] = value / upper[b * k + b];
      }
      std::copy(solved.begin(), solved.end(), row);
    }
  }
}

// Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: values descending, vectors as
// columns of `vectors`.
void symmetric_eigen(std::vector<double> a, std::size_t n, std::vector<double>& values,
                     std::vector<double>& vectors) {
  vectors.assign(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) vectors[i * n + i] = 1.0;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0;
    for (std::size_t p = 0; p < n; ++p) {
      for (std::size_t q = p + 1; q < n; ++q) off += a[p * n + q] * a[p * n + q];
    }
    if (off < 1e-22) break;
    for (std::size_t p = 0; p < n; ++p) {
      for (std::size_t q = p + 1; q < n; ++q) {
        double apq = a[p * n + q];
        if (std::abs(apq) < 1e-300) continue;
        double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        double t = (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1));
        double c = 1 / std::sqrt(t * t + 1);
        double s = t * c;
        for (std::size_t k = 0; k < n; ++k) {
          double akp = a[k * n + p];
          double akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (std::size_t k = 0; k < n; ++k) {
          double apk = a[p * n + k];
          double aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (std::size_t k = 0; k < n; ++k) {
          double vkp = vectors[k * n + p];
          double vkq = vectors[k * n + q];
          vectors[k * n + p] = c * vkp - s * vkq;
          vectors[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t x, std::size_t y) { return a[x * n + x] > a[y * n + y]; });
  std::vector<double> sorted_vectors(n * n);
  values.resize(n);
  for (std::size_t j = 0; j < n; ++j) {
    values[j] = a[order[j] * n + order[j]];
    for (std::size_t k = 0; k < n; ++k) sorted_vectors[k * n + j] = vectors[k * n + order[j]];
  }
  vectors.swap(sorted_vectors);
}

// Standard normal numbers from the generator's bits (Box-Muller), the same with every standard library.
double normal(std::mt19937_64& random) {
  constexpr double kScale = 1.0 / 9007199254740992.0;  // 2^-53
  double u1 = (static_cast<double>(random() >> 11) + 1.0) * kScale;
  double u2 = static_cast<double>(random() >> 11) * kScale;
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

// Rows of unit length (float), `dimensions` wide: the left singular vectors of `m`, scaled by the square
// roots of the singular values.
std::vector<float> embed(const Sparse& m, std::uint32_t dimensions, std::mt19937_64& random,
                         std::ostream& log) {
  const std::size_t k = dimensions + 10;
  Dense omega(m.columns, k);
  for (double& x : omega.data) x = normal(random);
  Dense y = multiply(m, omega);
  orthonormalize(y);
  for (int power = 0; power < 2; ++power) {
    Dense z = multiply_transposed(m, y);
    orthonormalize(z);
    y = multiply(m, z);
    orthonormalize(y);
  }
  Dense bt = multiply_transposed(m, y);  // (Q^T M)^T
  std::vector<double> small(k * k, 0.0);
  for (std::size_t r = 0; r < bt.rows; ++r) {
    const double* row = bt.row(r);
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = 0; b < k; ++b) small[a * k + b] += row[a] * row[b];
    }
  }
  std::vector<double> values;
  std::vector<double> vectors;
  symmetric_eigen(small, k, values, vectors);
  log << "  singular values " << std::sqrt(std::max(values.front(), 0.0)) << " .. "
      << std::sqrt(std::max(values[dimensions - 1], 0.0)) << "\n";
  std::vector<float> out(m.rows * dimensions);
  for (std::size_t r = 0; r < m.rows; ++r) {
    const double* q = y.row(r);
    double norm = 0;
    std::vector<double> row(dimensions, 0.0);
    for (std::size_t j = 0; j < dimensions; ++j) {
      double value = 0;
      for (std::size_t a = 0; a < k; ++a) value += q[a] * vectors[a * k + j];
      value *= std::sqrt(std::sqrt(std::max(values[j], 0.0)));
      row[j] = value;
      norm += value * value;
    }
    norm = norm > 0 ? 1 / std::sqrt(norm) : 0;
    for (std::size_t j = 0; j < dimensions; ++j) out[r * dimensions + j] = static_cast<float>(row[j] * norm);
  }
  return out;
}

float dot(const float* a, const float* b, std::size_t n) {
  float sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

// Spherical k-means with k-means++ seeding; returns each row's cluster (0-based).
std::vector<std::uint32_t> kmeans(const std::vector<float>& x, std::size_t rows, std::size_t dims,
                                  std::uint32_t k, int iterations, std::mt19937_64& random,
                                  std::ostream& log) {
  std::vector<float> centroids(static_cast<std::size_t>(k) * dims);
  std::vector<double> distance(rows, std::numeric_limits<double>::max());
  std::size_t chosen = random() % rows;
  for (std::uint32_t c = 0; c < k; ++c) {
    std::copy_n(x.data() + chosen * dims, dims, centroids.data() + std::size_t{c} * dims);
    double total = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      double d =
          1.0 - static_cast<double>(dot(x.data() + r * dims, centroids.data() + std::size_t{c} * dims, dims));
      distance[r] = std::min(distance[r], std::max(d, 0.0));
      total += distance[r] * distance[r];
    }
    double target = static_cast<double>(random() >> 11) / 9007199254740992.0 * total;
    chosen = rows - 1;
    for (std::size_t r = 0; r < rows; ++r) {
      target -= distance[r] * distance[r];
      if (target <= 0) {
        chosen = r;
        break;
      }
    }
  }
  std::vector<std::uint32_t> assignment(rows, 0);
  for (int iteration = 0; iteration < iterations; ++iteration) {
    double similarity = 0;
    std::size_t moved = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      const float* row = x.data() + r * dims;
      float best = -2;
      std::uint32_t best_c = 0;
      for (std::uint32_t c = 0; c < k; ++c) {
        float s = dot(row, centroids.data() + std::size_t{c} * dims, dims);
        if (s > best) {
          best = s;
          best_c = c;
        }
      }
      if (assignment[r] != best_c) ++moved;
      assignment[r] = best_c;
      similarity += static_cast<double>(best);
    }
    std::vector<double> sums(static_cast<std::size_t>(k) * dims, 0.0);
    for (std::size_t r = 0; r < rows; ++r) {
      double* sum = sums.data() + std::size_t{assignment[r]} * dims;
      const float* row = x.data() + r * dims;
      for (std::size_t j = 0; j < dims; ++j) sum[j] += static_cast<double>(row[j]);
    }
    for (std::uint32_t c = 0; c < k; ++c) {
      double* sum = sums.data() + std::size_t{c} * dims;
      double norm = 0;
      for (std::size_t j = 0; j < dims; ++j) norm += sum[j] * sum[j];
      if (norm == 0) continue;  // an empty cluster keeps its centroid
      norm = 1 / std::sqrt(norm);
      for (std::size_t j = 0; j < dims; ++j)
        centroids[std::size_t{c} * dims + j] = static_cast<float>(sum[j] * norm);
    }
    if (iteration + 1 == iterations || moved == 0) {
      log << "  k=" << k << ": " << iteration + 1 << " iterations, mean similarity "
          << similarity / static_cast<double>(rows) << ", " << moved << " moved in the last\n";
      if (moved == 0) break;
    }
  }
  return assignment;
}

}  // namespace

void configure_clusters(CLI::App& app, ClusterOptions& options) {
  app.add_option("--min-count", options.min_count, "vocabulary: words seen at least this often");
  app.add_option("--max-words", options.max_words, "vocabulary: at most this many words");
  app.add_option("--contexts", options.contexts, "context words (the most frequent)");
  app.add_option("--dimensions", options.dimensions, "SVD dimensions")->check(CLI::Range(8U, 1000U));
  app.add_option("--sizes", options.sizes, "cluster counts, coarse to fine")
      ->delimiter(',')
      ->expected(kClusterLevels);
  app.add_option("--iterations", options.iterations, "k-means iterations")->check(CLI::Range(1, 1000));
  app.add_option("--seed", options.seed, "random seed");
}

int run_clusters(const ClusterOptions& options, std::istream& in, std::ostream& out, std::ostream& log) {
  auto start = Clock::now();
  std::mt19937_64 random(options.seed);
  Corpus corpus = read_corpus(in, log);
  if (corpus.words.empty()) throw std::runtime_error("no text on stdin");

  // Rank words by frequency (ties by spelling, for determinism).
  std::vector<std::uint32_t> order(corpus.words.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (corpus.counts[a] != corpus.counts[b]) return corpus.counts[a] > corpus.counts[b];
    return corpus.words[a] < corpus.words[b];
  });
  constexpr std::uint32_t kNone = kBoundary;
  std::vector<std::uint32_t> row_of(corpus.words.size(), kNone);
  std::vector<std::uint32_t> context_of(corpus.words.size(), kNone);
  std::vector<std::uint32_t> vocabulary;
  for (std::uint32_t rank = 0; rank < order.size(); ++rank) {
    std::uint32_t id = order[rank];
    if (rank < options.contexts) context_of[id] = rank;
    if (vocabulary.size() < options.max_words && corpus.counts[id] >= options.min_count) {
      row_of[id] = static_cast<std::uint32_t>(vocabulary.size());
      vocabulary.push_back(id);
    }
  }
  log << "  vocabulary " << vocabulary.size() << " words, " << options.contexts << " context words ("
      << seconds_since(start) << " s)\n";

  const std::uint32_t slot_width = options.contexts + kShapeClasses;
  auto dimension = [&](std::uint32_t id) {
    if (id == kBoundary) return options.contexts + kShapeClasses - 1;
    if (context_of[id] != kNone) return context_of[id];
    return options.contexts + shape_class(corpus.words[id]);
  };
  KeyTable<std::uint32_t> pairs;
  pairs.reserve(vocabulary.size() * 256);
  const auto& stream = corpus.stream;
  const std::array<std::int64_t, kSlots> offsets = {-2, -1, 1, 2};
  for (std::size_t t = 0; t < stream.size(); ++t) {
    if (stream[t] == kBoundary || row_of[stream[t]] == kNone) continue;
    std::uint64_t row = row_of[stream[t]];
    for (int slot = 0; slot < kSlots; ++slot) {
      std::int64_t at = static_cast<std::int64_t>(t) + offsets[static_cast<std::size_t>(slot)];
      std::uint32_t id = at < 0 || at >= static_cast<std::int64_t>(stream.size())
                             ? kBoundary
                             : stream[static_cast<std::size_t>(at)];
      // Past a sentence edge the context is the edge itself.
      if (slot == 0 && id != kBoundary && stream[t - 1] == kBoundary) id = kBoundary;
      if (slot == 3 && id != kBoundary && stream[t + 1] == kBoundary) id = kBoundary;
      std::uint64_t column = std::uint64_t{static_cast<std::uint32_t>(slot)} * slot_width + dimension(id);
      std::uint64_t key = (row << 32 | column) + 1;
      const std::uint32_t* count = pairs.find(key);
      pairs.insert(key, count == nullptr ? 1 : *count + 1);
    }
  }
  log << "  " << pairs.size() << " distinct word-context pairs (" << seconds_since(start) << " s)\n";

  // PPMI with context distribution smoothing (counts^0.75), Levy, Goldberg and Dagan 2015.
  const std::size_t columns = std::size_t{kSlots} * slot_width;
  std::vector<double> row_sum(vocabulary.size(), 0.0);
  std::vector<double> column_sum(columns, 0.0);
  std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> entries;
  entries.reserve(pairs.size());
  pairs.for_each([&](std::uint64_t key, std::uint32_t count) {
    key -= 1;
    auto row = static_cast<std::uint32_t>(key >> 32);
    auto column = static_cast<std::uint32_t>(key & 0xffffffffU);
    entries.emplace_back(row, column, count);
    row_sum[row] += count;
    column_sum[column] += count;
  });
  pairs = {};
  std::sort(entries.begin(), entries.end());
  double total = std::accumulate(row_sum.begin(), row_sum.end(), 0.0);
  double smoothed_total = 0;
  for (double& sum : column_sum) {
    sum = std::pow(sum, 0.75);
    smoothed_total += sum;
  }
  Sparse m;
  m.rows = vocabulary.size();
  m.columns = columns;
  m.starts.assign(m.rows + 1, 0);
  for (const auto& [row, column, count] : entries) {
    double pmi = std::log((count / total) / ((row_sum[row] / total) * (column_sum[column] / smoothed_total)));
    if (pmi <= 0) continue;
    m.column.push_back(column);
    m.value.push_back(static_cast<float>(pmi));
    ++m.starts[row + 1];
  }
  for (std::size_t r = 0; r < m.rows; ++r) m.starts[r + 1] += m.starts[r];
  log << "  PPMI matrix " << m.rows << " x " << m.columns << ", " << m.value.size() << " entries ("
      << seconds_since(start) << " s)\n";

  std::vector<float> vectors = embed(m, options.dimensions, random, log);
  log << "  embedded in " << options.dimensions << " dimensions (" << seconds_since(start) << " s)\n";

  std::vector<std::vector<std::uint32_t>> levels;
  for (std::uint32_t size : options.sizes) {
    levels.push_back(kmeans(vectors, m.rows, options.dimensions, size, options.iterations, random, log));
    log << "  (" << seconds_since(start) << " s)\n";
  }
  for (std::size_t r = 0; r < vocabulary.size(); ++r) {
    out << corpus.words[vocabulary[r]];
    for (std::size_t level = 0; level < levels.size(); ++level)
      out << (level == 0 ? '\t' : ' ') << levels[level][r] + 1;
    out << '\n';
  }
  log << "clusters of " << vocabulary.size() << " words in " << seconds_since(start) << " s\n";
  return 0;
}

}  // namespace newsdig::extract::ner::tools
