// The template registry: every embedded template parsed once.
#include "clients/portal/templates.h"

#include <stdexcept>

#include "clients/portal/html.h"
#include "portal_templates.h"

namespace grants::portal {

void SetOptional(Object& data, const std::string& key, std::string value) {
  if (!value.empty()) data[key] = std::move(value);
}

Templates::Templates() {
  for (const auto& [name, text] : templates::kAll) {
    auto parsed =
        std::make_unique<kainjow::mustache::mustache>(std::string(text));
    if (!parsed->is_valid())
      throw std::logic_error("template " + std::string(name) + ": " +
                             parsed->error_message());
    parsed->set_custom_escape(
        [](const std::string& text) { return Escape(text); });
    parsed_.emplace(name, std::move(parsed));
  }
}

std::string Templates::Render(std::string_view name, const Data& data) const {
  auto it = parsed_.find(name);
  if (it == parsed_.end())
    throw std::logic_error("no template " + std::string(name));
  // Rendering only reads the parsed template (the portal's templates have
  // no partials or lambdas, the only parts that write to it), so requests
  // on several threads share one.
  return it->second->render(data);
}

}  // namespace grants::portal
