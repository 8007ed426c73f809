// read_workbook: the zip container with libzip, its XML parts with pugixml.
//
// Parts are found the way the Open Packaging Conventions say: the package's
// relationships name the workbook, the workbook's relationships name its
// sheets, shared strings and styles. Element names are compared without
// their namespace prefix, as writers differ in the prefixes they use.

#include "perfeval/runtime/internal/workbook.hpp"

#include <zip.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <memory>
#include <pugixml.hpp>

namespace perfeval::xlsx {
namespace {

constexpr std::uint32_t kMaxRows = 1'048'576;
constexpr std::uint32_t kMaxColumns = 16'384;

// No part of a 自评表 workbook comes near this once unpacked; a larger one
// is a zip bomb or not a table.
constexpr zip_uint64_t kMaxPartBytes = 256ull * 1024 * 1024;

// An OLE compound file: how Office stores an encrypted workbook (and the
// old binary .xls).
constexpr std::array<unsigned char, 8> kCompoundFileSignature = {0xD0, 0xCF, 0x11, 0xE0,
                                                                 0xA1, 0xB1, 0x1A, 0xE1};

ReadProblem problem(std::string code, std::vector<std::string> args = {}) {
  return {std::move(code), std::move(args)};
}

// "x:sheet" and "sheet" alike.
std::string_view local_name(const char* name) {
  std::string_view n(name);
  const auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

bool is(const pugi::xml_node& node, std::string_view name) {
  return local_name(node.name()) == name;
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (const auto& c : node.children()) {
    if (is(c, name)) {
      return c;
    }
  }
  return {};
}

// The r:id of a <sheet>, whatever prefix the relationships namespace has.
std::string relationship_id(const pugi::xml_node& node) {
  for (const auto& a : node.attributes()) {
    const std::string_view name(a.name());
    if (name != "id" && name.ends_with(":id")) {
      return a.value();
    }
  }
  return {};
}

// "_x000D_" is how OOXML writes a character XML cannot hold (a carriage
// return, a control character); "_x005F_" escapes an underscore.
std::string unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t k = 0; k < text.size(); ++k) {
    if (text[k] == '_' && k + 6 < text.size() && text[k + 1] == 'x' && text[k + 6] == '_') {
      unsigned code = 0;
      bool hex = true;
      for (std::size_t d = k + 2; d < k + 6; ++d) {
        const char c = text[d];
        code <<= 4;
        if (c >= '0' && c <= '9') {
          code |= static_cast<unsigned>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
          code |= static_cast<unsigned>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
          code |= static_cast<unsigned>(c - 'A' + 10);
        } else {
          hex = false;
        }
      }
      if (hex && code < 0x80) {
        out += static_cast<char>(code);
        k += 6;
        continue;
      }
    }
    out += text[k];
  }
  return out;
}

// The text of a shared string or an inline string: its <t>, or the <t> of
// each rich-text run <r> in turn. Phonetic guides (<rPh>) are not text.
std::string string_item_text(const pugi::xml_node& item) {
  std::string text;
  for (const auto& part : item.children()) {
    if (is(part, "t")) {
      text += part.text().get();
    } else if (is(part, "r")) {
      text += child(part, "t").text().get();
    }
  }
  return unescape(text);
}

// A folder part of a part name: "xl/" of "xl/workbook.xml".
std::string folder_of(std::string_view part) {
  const auto slash = part.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(part.substr(0, slash + 1));
}

// A relationship's target as a part name: relative to the source part's
// folder unless it starts with '/'; "../" steps up.
std::string resolve(std::string_view source_part, std::string_view target) {
  if (target.starts_with('/')) {
    return std::string(target.substr(1));
  }
  std::string base = folder_of(source_part);
  while (target.starts_with("../")) {
    target.remove_prefix(3);
    if (!base.empty()) {
      base.pop_back();
      base = folder_of(base);
    }
  }
  return base + std::string(target);
}

std::string rels_part(std::string_view part) {
  const auto slash = part.rfind('/');
  const std::size_t name = slash == std::string_view::npos ? 0 : slash + 1;
  return std::string(part.substr(0, name)) + "_rels/" + std::string(part.substr(name)) + ".rels";
}

struct Relationship {
  std::string type;  // the last word of the type URI: "worksheet", "sharedStrings", ...
  std::string part;
};

class Package {
 public:
  explicit Package(std::string_view bytes) : bytes_(bytes) {}
  ~Package() {
    if (archive_) {
      zip_discard(archive_);
    }
  }
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  std::optional<ReadProblem> open() {
    if (bytes_.empty()) {
      return problem("xlsx-not-zip");  // libzip would open it as an empty archive
    }
    if (bytes_.size() >= kCompoundFileSignature.size() &&
        std::memcmp(bytes_.data(), kCompoundFileSignature.data(), kCompoundFileSignature.size()) ==
            0) {
      return problem(holds_encryption_info() ? "xlsx-encrypted" : "xlsx-old-binary");
    }
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes_.data(), bytes_.size(), 0, &error);
    if (source) {
      archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
      if (!archive_) {
        zip_source_free(source);
      }
    }
    const int code = zip_error_code_zip(&error);
    const std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    if (archive_) {
      return std::nullopt;
    }
    if (code == ZIP_ER_NOZIP) {
      // A zip's first entry starts "PK\3\4"; without the directory at its
      // end the file was cut off (a failed download or copy).
      return problem(bytes_.starts_with(std::string_view("PK\3\4", 4)) ? "xlsx-cut-off"
                                                                       : "xlsx-not-zip");
    }
    return problem("xlsx-damaged", {reason});
  }

  // A part's bytes; nullopt when there is no such part.
  std::optional<std::string> read(const std::string& part, std::optional<ReadProblem>& failed) {
    const zip_int64_t index = zip_name_locate(archive_, part.c_str(), ZIP_FL_NOCASE);
    if (index < 0) {
      return std::nullopt;
    }
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &stat) != 0 ||
        !(stat.valid & ZIP_STAT_SIZE)) {
      failed = problem("xlsx-damaged", {part});
      return std::nullopt;
    }
    if (stat.size > kMaxPartBytes) {
      failed = problem("xlsx-part-too-large", {part, std::to_string(kMaxPartBytes >> 20)});
      return std::nullopt;
    }
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(
        zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0), zip_fclose);
    if (!file) {
      const int code = zip_error_code_zip(zip_get_error(archive_));
      const bool locked =
          code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP;
      failed = locked ? problem("xlsx-encrypted")
                      : problem("xlsx-damaged", {part + ": " + zip_strerror(archive_)});
      return std::nullopt;
    }
    std::string text(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t got = zip_fread(file.get(), text.data(), stat.size);
    if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) {
      failed = problem("xlsx-damaged", {part + ": " + zip_file_strerror(file.get())});
      return std::nullopt;
    }
    return text;
  }

 private:
  // Office names the stream that describes the encryption "EncryptionInfo"
  // (in UTF-16) in the compound file's directory.
  bool holds_encryption_info() const {
    static constexpr std::string_view kName{"E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0", 28};
    return bytes_.find(kName) != std::string_view::npos;
  }

  std::string_view bytes_;
  zip_t* archive_ = nullptr;
};

// Parses a part, or says which part is damaged.
std::optional<ReadProblem> parse(pugi::xml_document& doc, const std::string& text,
                                 const std::string& part) {
  const auto result =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!result) {
    return problem("xlsx-damaged", {part + ": " + result.description()});
  }
  return std::nullopt;
}

std::map<std::string, Relationship> read_relationships(Package& package,
                                                       const std::string& source_part,
                                                       std::optional<ReadProblem>& failed) {
  std::map<std::string, Relationship> out;
  const std::string part = rels_part(source_part);
  const auto text = package.read(part, failed);
  if (!text) {
    return out;
  }
  pugi::xml_document doc;
  if ((failed = parse(doc, *text, part))) {
    return out;
  }
  for (const auto& r : doc.document_element().children()) {
    if (!is(r, "Relationship") ||
        std::string_view(r.attribute("TargetMode").value()) == "External") {
      continue;
    }
    std::string_view type = r.attribute("Type").value();
    type = type.substr(type.rfind('/') + 1);
    out[r.attribute("Id").value()] = {std::string(type),
                                      resolve(source_part, r.attribute("Target").value())};
  }
  return out;
}

// How a cell style shows a number.
enum class Shown { number, percent, date };

Shown shown_by_format(unsigned id, std::string_view code) {
  if (id == 9 || id == 10) {
    return Shown::percent;
  }
  // Built-in date formats, with those of the Chinese, Japanese and Korean
  // editions (27-36, 50-58).
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) {
    return Shown::date;
  }
  // A custom format: what it says outside quoted text, escaped characters
  // and [colour] or [$-locale] sections.
  std::string bare;
  for (std::size_t k = 0; k < code.size(); ++k) {
    const char c = code[k];
    if (c == '"') {
      k = std::min(code.find('"', k + 1), code.size());
    } else if (c == '[') {
      k = std::min(code.find(']', k + 1), code.size());
    } else if (c == '\\' || c == '_' || c == '*') {
      ++k;
    } else {
      bare += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  if (bare.find('%') != std::string::npos) {
    return Shown::percent;
  }
  if (bare != "general" &&
      (bare.find('y') != std::string::npos || bare.find('d') != std::string::npos)) {
    return Shown::date;
  }
  return Shown::number;
}

// How each cell style (by its index, the cell's s="...") shows numbers.
std::vector<Shown> read_styles(const pugi::xml_document& doc) {
  const auto root = doc.document_element();
  std::map<unsigned, std::string> codes;
  for (const auto& f : child(root, "numFmts").children()) {
    if (is(f, "numFmt")) {
      codes[f.attribute("numFmtId").as_uint()] = f.attribute("formatCode").value();
    }
  }
  std::vector<Shown> styles;
  for (const auto& xf : child(root, "cellXfs").children()) {
    if (is(xf, "xf")) {
      const unsigned id = xf.attribute("numFmtId").as_uint();
      const auto it = codes.find(id);
      styles.push_back(shown_by_format(id, it == codes.end() ? "" : it->second));
    }
  }
  return styles;
}

struct SharedParts {
  std::vector<std::string> strings;
  std::vector<Shown> styles;
};

std::string cell_text(const pugi::xml_node& c, const SharedParts& shared) {
  const std::string_view type = c.attribute("t").value();
  const pugi::xml_node v = child(c, "v");
  if (type == "inlineStr") {
    return string_item_text(child(c, "is"));
  }
  if (!v) {
    return {};
  }
  const std::string_view value = v.text().get();
  if (type == "s") {
    const std::size_t index = v.text().as_ullong(shared.strings.size());
    return index < shared.strings.size() ? shared.strings[index] : std::string();
  }
  if (type == "str" || type == "e") {
    return unescape(value);
  }
  if (type == "b") {
    return value == "1" ? "TRUE" : "FALSE";
  }
  if (type == "d") {
    return std::string(value.substr(0, value.find('T')));
  }
  const unsigned style = c.attribute("s").as_uint();
  const Shown shown = style < shared.styles.size() ? shared.styles[style] : Shown::number;
  if (shown == Shown::date) {
    if (auto date = date_text(value)) {
      return *date;
    }
  }
  // A number that is not one stays as written; reading it will say so.
  return number_text(value, shown == Shown::percent).value_or(std::string(value));
}

void read_cells(const pugi::xml_document& doc, const SharedParts& shared, Sheet& sheet) {
  const auto root = doc.document_element();
  std::uint32_t row = 0;
  for (const auto& r : child(root, "sheetData").children()) {
    if (!is(r, "row")) {
      continue;
    }
    row = r.attribute("r") ? r.attribute("r").as_uint() : row + 1;
    std::uint32_t column = 0;
    for (const auto& c : r.children()) {
      if (!is(c, "c")) {
        continue;
      }
      if (const auto address = parse_cell_name(c.attribute("r").value())) {
        row = address->row;
        column = address->column;
      }
      // Excel's limits; beyond them a cell is no part of any table.
      if (row > 0 && row <= kMaxRows && column < kMaxColumns) {
        if (std::string text = cell_text(c, shared); !text.empty()) {
          sheet.set(row, column, std::move(text));
        } else if (child(c, "f") && !child(c, "v")) {
          sheet.mark_unsaved_formula(row, column);
        }
      }
      ++column;
    }
  }
  for (const auto& m : child(root, "mergeCells").children()) {
    const std::string_view ref = m.attribute("ref").value();
    const auto colon = ref.find(':');
    const auto first = parse_cell_name(ref.substr(0, colon));
    const auto last =
        colon == std::string_view::npos ? first : parse_cell_name(ref.substr(colon + 1));
    if (first && last && first->row <= last->row && first->column <= last->column) {
      sheet.merge({*first, *last});
    }
  }
}

}  // namespace

const std::string& Sheet::text(std::uint32_t row, std::uint32_t column) const {
  static const std::string kEmpty;
  if (const CellRange* range = merged_range(row, column)) {
    row = range->first.row;
    column = range->first.column;
  }
  const auto it = cells_.find(key(row, column));
  return it == cells_.end() ? kEmpty : it->second;
}

CellRange Sheet::range_of(std::uint32_t row, std::uint32_t column) const {
  if (const CellRange* range = merged_range(row, column)) {
    return *range;
  }
  return {{row, column}, {row, column}};
}

void Sheet::set(std::uint32_t row, std::uint32_t column, std::string text) {
  cells_[key(row, column)] = std::move(text);
  last_row_ = std::max(last_row_, row);
  last_column_ = std::max(last_column_, column);
}

// A printed table merges a few hundred cells at most. A sheet that merges
// more, or a range larger than a page of a table, is no table's; past these
// limits its merges are not kept, so that it is read in time and memory
// bounded whatever it holds.
constexpr std::uint64_t kMaxIndexedRange = 64 * 1024;
constexpr std::size_t kMaxIndexedCells = 1024 * 1024;
constexpr std::size_t kMaxLargeMerges = 64;

void Sheet::merge(CellRange range) {
  const std::uint64_t rows = range.last.row - range.first.row + 1;
  const std::uint64_t columns = range.last.column - range.first.column + 1;
  const std::uint64_t area = rows * columns;
  const auto index = static_cast<std::uint32_t>(merges_.size());
  if (area <= kMaxIndexedRange && merged_cells_.size() + area <= kMaxIndexedCells) {
    for (std::uint32_t r = range.first.row; r <= range.last.row; ++r) {
      for (std::uint32_t c = range.first.column; c <= range.last.column; ++c) {
        merged_cells_.try_emplace(key(r, c), index);
      }
    }
  } else if (area > kMaxIndexedRange && large_merges_.size() < kMaxLargeMerges) {
    large_merges_.push_back(index);
  } else {
    return;
  }
  merges_.push_back(range);
}

const CellRange* Sheet::merged_range(std::uint32_t row, std::uint32_t column) const {
  if (const auto it = merged_cells_.find(key(row, column)); it != merged_cells_.end()) {
    return &merges_[it->second];
  }
  for (const std::uint32_t index : large_merges_) {
    if (merges_[index].contains(row, column)) {
      return &merges_[index];
    }
  }
  return nullptr;
}

WorkbookOrProblem read_workbook(std::string_view bytes) {
  Package package(bytes);
  if (auto opened = package.open()) {
    return {std::nullopt, std::move(opened)};
  }
  std::optional<ReadProblem> failed;
  // The package names its main part; "xl/workbook.xml" when it does not.
  std::string workbook_part = "xl/workbook.xml";
  for (const auto& [id, r] : read_relationships(package, "", failed)) {
    if (r.type == "officeDocument") {
      workbook_part = r.part;
    }
  }
  if (failed) {
    return {std::nullopt, std::move(failed)};
  }
  const auto workbook_text = package.read(workbook_part, failed);
  if (failed) {
    return {std::nullopt, std::move(failed)};
  }
  pugi::xml_document workbook_doc;
  if (!workbook_text) {
    return {std::nullopt, problem("xlsx-not-workbook")};
  }
  if (auto bad = parse(workbook_doc, *workbook_text, workbook_part)) {
    return {std::nullopt, std::move(bad)};
  }
  if (!is(workbook_doc.document_element(), "workbook")) {
    return {std::nullopt, problem("xlsx-not-workbook")};
  }
  const auto relationships = read_relationships(package, workbook_part, failed);
  if (failed) {
    return {std::nullopt, std::move(failed)};
  }

  SharedParts shared;
  for (const auto& [id, r] : relationships) {
    if (r.type != "sharedStrings" && r.type != "styles") {
      continue;
    }
    const auto text = package.read(r.part, failed);
    pugi::xml_document doc;
    if (failed || (text && (failed = parse(doc, *text, r.part)))) {
      return {std::nullopt, std::move(failed)};
    }
    if (r.type == "styles") {
      shared.styles = read_styles(doc);
      continue;
    }
    for (const auto& si : doc.document_element().children()) {
      if (is(si, "si")) {
        shared.strings.push_back(string_item_text(si));
      }
    }
  }

  Workbook workbook;
  for (const auto& s : child(workbook_doc.document_element(), "sheets").children()) {
    if (!is(s, "sheet")) {
      continue;
    }
    Sheet& sheet = workbook.sheets.emplace_back();
    sheet.name = s.attribute("name").value();
    const std::string_view state = s.attribute("state").value();
    sheet.hidden = state == "hidden" || state == "veryHidden";
    const auto it = relationships.find(relationship_id(s));
    if (it == relationships.end()) {
      sheet.problem = problem("xlsx-sheet-missing");
      continue;
    }
    if (it->second.type == "chartsheet" || it->second.type == "dialogsheet") {
      sheet.chart = true;
      continue;
    }
    std::optional<ReadProblem> sheet_failed;
    const auto text = package.read(it->second.part, sheet_failed);
    pugi::xml_document doc;
    if (!sheet_failed && !text) {
      sheet_failed = problem("xlsx-sheet-missing");
    }
    if (sheet_failed || (sheet_failed = parse(doc, *text, it->second.part))) {
      sheet.problem = std::move(sheet_failed);
      continue;
    }
    if (is(doc.document_element(), "chartsheet")) {
      sheet.chart = true;
      continue;
    }
    read_cells(doc, shared, sheet);
  }
  return {std::move(workbook), std::nullopt};
}

}  // namespace perfeval::xlsx
