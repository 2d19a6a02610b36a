#include "common/store/record.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <stdexcept>

#include <zstd.h>

#include "common/analysis/fold.hpp"

namespace newsdig::store {
namespace {

// The zstd level: on news records of a kilobyte or two, higher levels keep only a few percent fewer bytes
// at a fraction of the speed, and decompression is as fast whatever the level.
constexpr int kCompressionLevel = 3;

// A record larger than this is refused as damaged rather than allocated (articles are far smaller:
// the indexer's --max-article-bytes default is 8 MB).
constexpr unsigned long long kMaxPayloadBytes = 1ULL << 30;

using Member = std::string Article::*;

// The string members in their stored order; the body is stored last, on its own.
constexpr Member kStrings[] = {&Article::id,       &Article::title,  &Article::source,
                               &Article::dateline, &Article::date,   &Article::url,
                               &Article::lang,     &Article::byline, &Article::origin};

char type_letter(EntityType type) {
  switch (type) {
    case EntityType::Person: return 'p';
    case EntityType::Org: return 'o';
    case EntityType::Place: return 'l';
    case EntityType::Misc: return 'm';
  }
  return 'm';
}

EntityType type_from_letter(char letter) {
  switch (letter) {
    case 'p': return EntityType::Person;
    case 'o': return EntityType::Org;
    case 'l': return EntityType::Place;
    default: return EntityType::Misc;
  }
}

void put_number(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void put_string(std::string& out, std::string_view text) {
  put_number(out, text.size());
  out.append(text);
}

// Reads the payload front to back; any read past its end means the record is damaged.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  std::uint64_t number() {
    std::uint64_t value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (at_ >= data_.size()) damaged();
      const auto byte = static_cast<unsigned char>(data_[at_++]);
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    damaged();
  }

  std::uint32_t offset() { return static_cast<std::uint32_t>(std::min<std::uint64_t>(number(), UINT32_MAX)); }

  std::string text() {
    const std::uint64_t size = number();
    if (size > data_.size() - at_) damaged();
    std::string out(data_.substr(at_, size));
    at_ += size;
    return out;
  }

  char letter() {
    if (at_ >= data_.size()) damaged();
    return data_[at_++];
  }

  // A count of items that each take at least one byte: more than the bytes left means damage.
  std::uint64_t count() {
    const std::uint64_t items = number();
    if (items > data_.size() - at_) damaged();
    return items;
  }

 private:
  [[noreturn]] static void damaged() { throw std::runtime_error("stored record is damaged (cut short)"); }

  std::string_view data_;
  std::size_t at_ = 0;
};

std::string payload_of(const Article& article, const std::vector<analysis::SentenceSpan>& sentences) {
  std::string out;
  out.reserve(article.body.size() + article.title.size() + 2 * sentences.size() + 256);
  for (Member member : kStrings) put_string(out, article.*member);
  put_number(out, article.tags.size());
  for (const auto& tag : article.tags) {
    put_string(out, tag.field);
    put_string(out, tag.value);
  }
  put_number(out, article.extra.size());
  for (const auto& [key, value] : article.extra) {
    put_string(out, key);
    put_string(out, value);
  }
  put_number(out, article.entities.size());
  for (const auto& entity : article.entities) {
    out.push_back(type_letter(entity.type));
    put_string(out, entity.name);
    put_number(out, entity.count);
    put_string(out, entity.key == analysis::fold_key(entity.name) ? std::string_view() : entity.key);
  }
  put_number(out, article.mentions.size());
  for (const auto& mention : article.mentions) {
    put_string(out, mention.value);
    out.push_back(mention.field == "title" ? 't' : 'b');
    put_number(out, mention.start);
    put_number(out, mention.end);
  }
  put_string(out, article.body);
  put_number(out, sentences.size());
  std::uint32_t previous_end = 0;
  for (const auto& sentence : sentences) {
    if (sentence.begin < previous_end || sentence.end < sentence.begin ||
        sentence.end > article.body.size()) {
      throw std::invalid_argument("sentence spans out of order or outside the body");
    }
    put_number(out, sentence.begin - previous_end);
    put_number(out, sentence.end - sentence.begin);
    previous_end = sentence.end;
  }
  return out;
}

// One compression and one decompression context per thread: making one costs more than a small record.
struct ContextFree {
  void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
  void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
};

ZSTD_CCtx* compression_context() {
  thread_local std::unique_ptr<ZSTD_CCtx, ContextFree> context = [] {
    std::unique_ptr<ZSTD_CCtx, ContextFree> made(ZSTD_createCCtx());
    if (!made) throw std::runtime_error("out of memory for the record compressor");
    ZSTD_CCtx_setParameter(made.get(), ZSTD_c_compressionLevel, kCompressionLevel);
    // A checksum of the payload (4 bytes): `check` and the searcher tell a damaged record from a good one.
    ZSTD_CCtx_setParameter(made.get(), ZSTD_c_checksumFlag, 1);
    return made;
  }();
  return context.get();
}

ZSTD_DCtx* decompression_context() {
  thread_local std::unique_ptr<ZSTD_DCtx, ContextFree> context(ZSTD_createDCtx());
  if (!context) throw std::runtime_error("out of memory for the record decompressor");
  return context.get();
}

}  // namespace

std::string encode_record(const Article& article) {
  return encode_record(article, article.sentences);
}

std::string encode_record(const Article& article, const std::vector<analysis::SentenceSpan>& sentences) {
  const std::string payload = payload_of(article, sentences);
  std::string out(1 + ZSTD_compressBound(payload.size()), '\0');
  out[0] = static_cast<char>(kRecordVersion);
  const std::size_t written =
      ZSTD_compress2(compression_context(), out.data() + 1, out.size() - 1, payload.data(), payload.size());
  if (ZSTD_isError(written)) {
    throw std::runtime_error(std::string("compressing the stored record: ") + ZSTD_getErrorName(written));
  }
  out.resize(1 + written);
  return out;
}

Article decode_record(std::string_view data) {
  const unsigned version = data.empty() ? 0 : static_cast<unsigned char>(data.front());
  if (version != kRecordVersion && version != kOldestRecordVersion) {
    throw std::runtime_error("stored record has an unknown version (reindex with this newsdig)");
  }
  data.remove_prefix(1);
  const unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxPayloadBytes) {
    throw std::runtime_error("stored record is damaged (not a zstd frame of known size)");
  }
  std::string payload(static_cast<std::size_t>(size), '\0');
  const std::size_t read =
      ZSTD_decompressDCtx(decompression_context(), payload.data(), payload.size(), data.data(), data.size());
  if (ZSTD_isError(read) || read != payload.size()) {
    throw std::runtime_error("stored record is damaged (it does not decompress)");
  }

  Reader in(payload);
  Article article;
  for (Member member : kStrings) article.*member = in.text();
  for (auto tags = in.count(); tags > 0; --tags) {
    Tag tag;
    tag.field = in.text();
    tag.value = in.text();
    article.tags.push_back(std::move(tag));
  }
  for (auto extra = in.count(); extra > 0; --extra) {
    std::string key = in.text();
    article.extra.emplace_back(std::move(key), in.text());
  }
  for (auto entities = in.count(); entities > 0; --entities) {
    Entity entity;
    entity.type = type_from_letter(in.letter());
    entity.name = in.text();
    entity.count = static_cast<unsigned>(std::min<std::uint64_t>(in.number(), UINT32_MAX));
    entity.key = in.text();
    if (entity.key.empty()) entity.key = analysis::fold_key(entity.name);
    article.entities.push_back(std::move(entity));
  }
  const auto mentions = in.count();
  article.mentions.reserve(mentions);
  for (auto left = mentions; left > 0; --left) {
    DateMention mention;
    mention.value = in.text();
    mention.field = in.letter() == 't' ? "title" : "body";
    mention.start = in.offset();
    mention.end = in.offset();
    article.mentions.push_back(std::move(mention));
  }
  article.body = in.text();
  if (version >= 4) {
    const auto sentences = in.count();
    article.sentences.reserve(sentences);
    std::uint64_t previous_end = 0;
    for (auto left = sentences; left > 0; --left) {
      const std::uint64_t gap = in.number();
      const std::uint64_t length = in.number();
      const std::uint64_t room = article.body.size() - previous_end;
      if (gap > room || length > room - gap) {
        throw std::runtime_error("stored record is damaged (a sentence past the body's end)");
      }
      const std::uint64_t begin = previous_end + gap;
      previous_end = begin + length;
      article.sentences.push_back(
          {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(previous_end)});
    }
  }
  // The mentions' text, now that both fields are read.
  for (auto& mention : article.mentions) {
    const std::string& field = mention.field == "title" ? article.title : article.body;
    if (mention.start <= mention.end && mention.end <= field.size()) {
      mention.text = field.substr(mention.start, mention.end - mention.start);
    }
  }
  return article;
}

}  // namespace newsdig::store
