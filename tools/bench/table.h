// The benchmarks' tables of figures side by side, a column per size.
#pragma once

#include <fmt/format.h>

#include <vector>

namespace grants::bench {

// Prints a row on a line of its own: `name` left in `width` characters,
// then cell(f) right-aligned in 22 for each size's figures `f` of `all`.
template <typename Figures, typename Cell>
void PrintRow(const std::vector<Figures>& all, int width, const char* name,
              Cell cell) {
  fmt::print("\n{:<{}}", name, width);
  for (const Figures& f : all) fmt::print("{:>22}", cell(f));
}

}  // namespace grants::bench
