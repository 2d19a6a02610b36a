#include "indexer/sources/feed.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <utility>

#include <nlohmann/json.hpp>

#include "indexer/sources/container.hpp"

namespace newsdig::sources {
namespace {

constexpr std::size_t kReadStep = std::size_t{1} << 20;

bool has_hidden_component(std::string_view path) {
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const auto part = path.substr(start, end - start);
    if (part.size() > 1 && part.front() == '.' && part != "..") return true;
    start = end + 1;
  }
  return false;
}

std::string mebibytes(std::size_t bytes) {
  return std::to_string(bytes >> 20) + " MiB";
}

FeedItem problem(FeedItem::Kind kind, std::string origin, std::string message) {
  FeedItem item;
  item.kind = kind;
  item.diagnostic = {std::move(origin), 0, std::move(message)};
  return item;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The first line of `bytes` that is not blank, without its line end; nullopt when `bytes` holds no
// complete such line yet.
std::optional<std::string_view> first_line(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  std::size_t start = 0;
  while (start < bytes.size() && is_space(bytes[start])) ++start;
  const auto end = bytes.find('\n', start);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view line = bytes.substr(start, end - start);
  while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
  return line;
}

std::string canonical_input(const SourceFile& file) {
  if (file.is_stdin) return {};
  std::error_code error;
  const auto absolute = std::filesystem::absolute(file.path, error);
  if (error) return file.path.lexically_normal().string();
  const auto canonical = std::filesystem::weakly_canonical(absolute, error);
  return error ? absolute.lexically_normal().string() : canonical.string();
}

}  // namespace

std::optional<std::size_t> record_cut(formats::Format format, std::string_view bytes, bool from_start) {
  if (format != formats::Format::Jsonl) return std::nullopt;
  // Every line of JSON Lines is a JSON value by itself; one document spread over many lines (a
  // pretty-printed .json file, "{" or "[" alone on its first line) is not, and a cut would break it.
  if (from_start) {
    const auto line = first_line(bytes);
    if (!line) return 0;
    if (!nlohmann::json::accept(*line)) return std::nullopt;
  }
  const auto newline = bytes.rfind('\n');
  return newline == std::string_view::npos ? 0 : newline + 1;
}

std::uint64_t count_lines(std::string_view bytes) {
  std::uint64_t lines = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\n') {
      ++lines;
    } else if (bytes[i] == '\r' && (i + 1 == bytes.size() || bytes[i + 1] != '\n')) {
      ++lines;
    }
  }
  return lines;
}

// An input being read: a file, standard input, or the current member of the innermost container.
struct Feed::Open {
  std::unique_ptr<std::ifstream> file;
  std::istream* stream = nullptr;
  ArchiveReader* member_of = nullptr;
  std::string origin;
  std::string id_base;
  std::string name;
  std::string carry;  // read, not yet handed out
  bool eof = false;
  bool cut = false;  // pieces of it were handed out already
  std::uint64_t next_line = 1;
  std::optional<formats::Format> format;
  std::uint64_t bytes_read = 0;  // from a file or standard input (not a member)
  bool counts_as_file = false;   // a file or standard input: its bytes are progress

  // Appends up to `want` bytes to carry; sets eof at the end. Throws ArchiveError for members. Reads
  // through `scratch`, so carry only ever grows by what was there (a 3 KB input holds 3 KB, not a
  // read-sized buffer).
  void read_more(std::size_t want, std::string& scratch) {
    while (want > 0 && !eof) {
      const std::size_t step = std::min(want, kReadStep);
      scratch.clear();
      std::size_t got = 0;
      if (member_of != nullptr) {
        got = member_of->read(scratch, step);
      } else {
        std::istream& in = file ? *file : *stream;
        scratch.resize(step);
        in.read(scratch.data(), static_cast<std::streamsize>(step));
        got = static_cast<std::size_t>(in.gcount());
        if (in.bad()) throw std::runtime_error(std::strerror(errno));
        bytes_read += got;
      }
      carry.append(scratch.data(), got);
      want -= got;
      // A member may hand out less than asked before its end; a stream only at its end.
      if (got == 0 || (member_of == nullptr && got < step)) eof = true;
    }
  }
};

// An open container.
struct Feed::Level {
  std::unique_ptr<ArchiveReader> reader;
  std::string origin;
  std::string id_base;
  std::string name;
  std::string relative;
  bool named_directly = false;  // a path given on the command line (its raw content is not globbed)
  std::uintmax_t file_size = 0;
};

Feed::Feed(std::vector<std::string> paths, std::istream& standard_input, FeedSettings settings)
    : walker_(std::move(paths), settings.globs),
      standard_input_(standard_input),
      settings_(std::move(settings)) {}

Feed::~Feed() = default;

FeedStats Feed::stats() const {
  FeedStats stats = stats_;
  stats.walk = walker_.stats();
  return stats;
}

void Feed::note_consumed() {
  std::uint64_t now = consumed_done_;
  if (!levels_.empty()) now += levels_.front()->reader->bytes_consumed();
  if (open_ && open_->counts_as_file) now += open_->bytes_read;
  consumed_.store(now, std::memory_order_relaxed);
}

std::optional<FeedItem> Feed::next() {
  for (;;) {
    std::optional<FeedItem> item;
    if (open_) {
      item = next_from_open();
    } else if (!levels_.empty()) {
      item = next_member();
    } else {
      auto walked = walker_.next();
      if (!walked) {
        note_consumed();
        return std::nullopt;
      }
      if (walked->kind == WalkItem::Kind::File) {
        input_ = canonical_input(walked->file);
        item = start_file(walked->file);
      } else {
        input_.clear();
        item.emplace();
        item->kind = walked->kind == WalkItem::Kind::Skip ? FeedItem::Kind::Skip : FeedItem::Kind::Warn;
        item->diagnostic = std::move(walked->diagnostic);
      }
    }
    note_consumed();
    if (item) {
      item->input = input_;
      return item;
    }
  }
}

std::optional<FeedItem> Feed::start_file(const SourceFile& file) {
  auto open = std::make_unique<Open>();
  open->origin = file.origin;
  open->id_base = file.id_base;
  open->counts_as_file = true;
  if (file.is_stdin) {
    open->stream = &standard_input_;
  } else {
    open->name = file.path.string();
    open->file = std::make_unique<std::ifstream>(file.path, std::ios::binary);
    if (!*open->file)
      return problem(FeedItem::Kind::Skip, file.origin, "cannot read: " + std::string(std::strerror(errno)));
  }
  try {
    open->read_more(kContainerSniffBytes, scratch_);
  } catch (const std::exception& e) {
    return problem(FeedItem::Kind::Skip, file.origin, std::string("cannot read: ") + e.what());
  }
  if (!is_container(open->carry)) {
    open_ = std::move(open);
    return std::nullopt;
  }
  auto level = std::make_unique<Level>();
  level->origin = file.origin;
  level->id_base = file.id_base;
  level->name = file.is_stdin ? std::string() : file.path.filename().string();
  level->relative = file.relative;
  level->named_directly = file.named_directly;
  level->file_size = file.is_stdin ? open->bytes_read : file.size;
  try {
    level->reader = file.is_stdin ? ArchiveReader::open_stream(standard_input_, std::move(open->carry))
                                  : ArchiveReader::open_file(file.path);
  } catch (const ArchiveError& e) {
    consumed_done_ += level->file_size;
    return problem(FeedItem::Kind::Skip, file.origin, std::string("damaged archive: ") + e.what());
  }
  ++stats_.containers;
  levels_.push_back(std::move(level));
  return std::nullopt;
}

std::optional<FeedItem> Feed::next_member() {
  Level& level = *levels_.back();
  std::optional<Member> member;
  try {
    member = level.reader->next();
  } catch (const ArchiveError& e) {
    std::string origin = level.origin;
    if (levels_.size() == 1) consumed_done_ += level.file_size;
    levels_.pop_back();
    return problem(FeedItem::Kind::Skip, std::move(origin),
                   std::string("damaged archive: ") + e.what() + " (nothing after this point was read)");
  }
  if (!member) {
    if (levels_.size() == 1) consumed_done_ += level.file_size;
    levels_.pop_back();
    return std::nullopt;
  }
  auto open = std::make_unique<Open>();
  open->member_of = level.reader.get();
  if (member->raw) {
    const std::string relative = strip_compression_suffix(level.relative);
    if (!level.named_directly && !settings_.globs.keeps_file(relative)) {
      ++stats_.glob_members;
      return std::nullopt;
    }
    open->origin = level.origin;
    open->id_base = strip_compression_suffix(level.id_base);
    open->name = strip_compression_suffix(level.name);
  } else {
    if (has_hidden_component(member->path)) {
      ++stats_.hidden_members;
      return std::nullopt;
    }
    const bool keep = is_container_name(member->path) ? settings_.globs.not_excluded(member->path)
                                                      : settings_.globs.keeps_file(member->path);
    if (!keep) {
      ++stats_.glob_members;
      return std::nullopt;
    }
    open->origin = level.origin + "!" + member->path;
    open->id_base = level.id_base + "!" + member->path;
    open->name = member->path;
  }
  try {
    open->read_more(kContainerSniffBytes, scratch_);
    if (!is_container(open->carry)) {
      open_ = std::move(open);
      return std::nullopt;
    }
    if (levels_.size() >= settings_.max_nesting) {
      return problem(
          FeedItem::Kind::Skip, open->origin,
          "container nested more than " + std::to_string(settings_.max_nesting) + " deep: not read");
    }
    while (!open->eof && open->carry.size() <= settings_.max_input_bytes)
      open->read_more(kReadStep, scratch_);
    if (!open->eof) {
      return problem(
          FeedItem::Kind::Skip, open->origin,
          "archive inside an archive larger than " + mebibytes(settings_.max_input_bytes) + ": not read");
    }
    auto inner = std::make_unique<Level>();
    inner->origin = open->origin;
    inner->id_base = open->id_base;
    inner->name = open->name;
    inner->relative = member->raw ? strip_compression_suffix(level.relative) : member->path;
    inner->named_directly = level.named_directly && member->raw;
    inner->reader = ArchiveReader::open_memory(std::move(open->carry));
    ++stats_.containers;
    levels_.push_back(std::move(inner));
    return std::nullopt;
  } catch (const ArchiveError& e) {
    return damaged(open->origin, e);
  }
}

FeedItem Feed::damaged(std::string origin, const ArchiveError& error) {
  if (!error.fatal() || levels_.back()->reader->resume()) {
    return problem(FeedItem::Kind::Skip, std::move(origin),
                   std::string("damaged archive member: ") + error.what());
  }
  if (levels_.size() == 1) consumed_done_ += levels_.back()->file_size;
  levels_.pop_back();
  return problem(FeedItem::Kind::Skip, std::move(origin),
                 std::string("damaged archive: ") + error.what() + " (nothing after this point was read)");
}

std::optional<FeedItem> Feed::next_from_open() {
  Open& open = *open_;
  auto finish = [&](std::optional<FeedItem> item) {
    if (open.counts_as_file) consumed_done_ += open.bytes_read;
    open_.reset();
    return item;
  };
  auto lost = [&](std::string message) {
    return finish(problem(FeedItem::Kind::Skip, open.origin, std::move(message)));
  };
  auto piece = [&](std::string bytes) {
    FeedItem item;
    item.piece.bytes = std::move(bytes);
    item.piece.origin = open.origin;
    item.piece.id_base = open.id_base;
    item.piece.name = open.name;
    item.piece.first_line = open.next_line;
    item.piece.format = open.format;
    return item;
  };
  try {
    while (!open.eof && open.carry.size() <= settings_.piece_bytes) {
      open.read_more(settings_.piece_bytes + 1 - open.carry.size(), scratch_);
    }
    if (open.eof) {
      if (open.cut && open.carry.empty()) return finish(std::nullopt);
      return finish(piece(std::move(open.carry)));
    }
    if (!open.format) {
      std::string why;
      open.format = settings_.format != formats::Format::Auto
                        ? std::optional(settings_.format)
                        : formats::detect_format(open.name, open.carry, &why);
      if (!open.format) return lost(why);
    }
    // Text in UTF-16 or UTF-32 (a byte order mark) has line ends of several bytes: read it whole.
    const bool wide = open.carry.starts_with("\xFF\xFE") || open.carry.starts_with("\xFE\xFF");
    auto cut = wide && !open.cut ? std::nullopt : record_cut(*open.format, open.carry, !open.cut);
    if (!cut) {
      while (!open.eof && open.carry.size() <= settings_.max_input_bytes) open.read_more(kReadStep, scratch_);
      if (!open.eof) {
        return lost("input larger than " + mebibytes(settings_.max_input_bytes) + ", and " +
                    std::string(formats::format_name(*open.format)) +
                    " input cannot be read in pieces: not read");
      }
      return finish(piece(std::move(open.carry)));
    }
    while (*cut == 0) {
      if (open.eof || open.carry.size() > settings_.max_input_bytes) {
        if (open.eof) return finish(piece(std::move(open.carry)));
        return lost("line " + std::to_string(open.next_line) + " is longer than " +
                    mebibytes(settings_.max_input_bytes) + ": the rest of the input was not read");
      }
      open.read_more(kReadStep, scratch_);
      cut = record_cut(*open.format, open.carry, !open.cut);
    }
    FeedItem item = piece(open.carry.substr(0, *cut));
    open.carry.erase(0, *cut);
    open.next_line += count_lines(item.piece.bytes);
    open.cut = true;
    return item;
  } catch (const ArchiveError& e) {
    std::string origin = open.origin;
    finish(std::nullopt);
    return damaged(std::move(origin), e);
  } catch (const std::exception& e) {
    return lost(std::string("cannot read: ") + e.what());
  }
}

}  // namespace newsdig::sources
