// The portal's page templates, parsed once at start-up, rendered per request.
#pragma once

#include <functional>
#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace grants::portal {

// What a template is filled with: {{name}} looks `name` up in an Object
// (then in the Objects around it), {{#list}} repeats for each item of a
// List, {{#flag}} shows its part when `flag` is true or present.
using Data = kainjow::mustache::data;
using Object = kainjow::mustache::object;
using List = kainjow::mustache::list;

// Sets `key` only when `value` is not empty: mustache counts "" as present,
// so {{#key}} then shows its part only for a value.
void SetOptional(Object& data, const std::string& key, std::string value);

// The templates of clients/portal/templates, embedded at build time. Every
// {{value}} is escaped for HTML (with Escape); {{{html}}} is only for HTML
// another template rendered.
class Templates {
 public:
  // Parses them all; throws std::logic_error naming one that is not valid.
  Templates();

  // The template `name` (its file name without .mustache) filled with
  // `data`. Safe from several threads at once.
  std::string Render(std::string_view name, const Data& data) const;

 private:
  std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>,
           std::less<>>
      parsed_;
};

}  // namespace grants::portal
