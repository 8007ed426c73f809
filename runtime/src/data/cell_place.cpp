#include "perfeval/runtime/data.hpp"

namespace perfeval {

std::string cell_place(const ProjectData& data, const IndicatorData& indicator, TableField field) {
  const SheetPlaces& places = data.places;
  const std::string* column = nullptr;
  switch (field) {
    case TableField::actual:
      column = &places.actual;
      break;
    case TableField::weight:
      column = &places.weight;
      break;
    case TableField::target:
      column = &places.target;
      break;
    case TableField::method:
      column = &places.method;
      break;
    case TableField::explanation:
      column = &places.explanation;
      break;
    case TableField::rate:
      column = &places.rate;
      break;
    case TableField::score:
      column = &places.score;
      break;
    case TableField::category1:
      column = &places.category1;
      break;
    case TableField::category2:
      column = &places.category2;
      break;
  }
  if (places.sheet.empty() || column->empty() || indicator.row <= 0) {
    return data.file;
  }
  return places.sheet + "!" + *column + std::to_string(indicator.row);
}

}  // namespace perfeval
