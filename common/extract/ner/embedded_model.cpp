#include "common/extract/ner/embedded_model.hpp"

// The assembler pulls the model file in with .incbin: no generated source, no compile time, and CMake
// rebuilds this object when the file changes (OBJECT_DEPENDS). NEWSDIG_NER_MODEL_FILE comes from CMake.
__asm__(
    ".section .rodata\n"
    ".balign 16\n"
    ".globl newsdig_ner_model_begin\n"
    "newsdig_ner_model_begin:\n"
    ".incbin \"" NEWSDIG_NER_MODEL_FILE
    "\"\n"
    ".globl newsdig_ner_model_end\n"
    "newsdig_ner_model_end:\n"
    ".byte 0\n"
    ".previous\n");

extern "C" const unsigned char newsdig_ner_model_begin[];
extern "C" const unsigned char newsdig_ner_model_end[];

namespace newsdig::extract::ner {

std::span<const unsigned char> embedded_model_bytes() noexcept {
  return {newsdig_ner_model_begin, newsdig_ner_model_end};
}

}  // namespace newsdig::extract::ner
