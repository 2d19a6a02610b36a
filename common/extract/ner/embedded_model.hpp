#pragma once
// The bytes of model/ner.model, built into the library by the assembler (see embedded_model.cpp).
#include <span>

namespace newsdig::extract::ner {

std::span<const unsigned char> embedded_model_bytes() noexcept;

}  // namespace newsdig::extract::ner
