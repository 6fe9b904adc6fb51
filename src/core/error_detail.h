// Error details by code: what exactly is wrong with an input, as a stable snake_case code and
// typed parameters (`range` with min and max), never as text. The texts are in one catalogue per
// language (error_details.<lang>.json, shared with the web app), rendered by error_catalogue.h.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace fupan {

// Every detail code without parameters. One list, so the enum, the names and the catalogue test
// cannot drift apart.
#define FUPAN_PLAIN_DETAILS(X) \
  X(date)                      \
  X(day)                       \
  X(membership_user_fixed)     \
  X(positive_integer)          \
  X(positive_id)               \
  X(role_name)                 \
  X(sub_team_region)           \
  X(team_below_itself)         \
  X(team_keeps_region)         \
  X(time_zone)                 \
  X(at_least_one_role)         \
  X(role_names)                \
  X(member_or_leader)          \
  X(member_or_leader_zh)       \
  X(string)                    \
  X(string_or_null)            \
  X(after_valid_from)          \
  X(string_array)              \
  X(email)                     \
  X(integer)                   \
  X(integer_or_null)           \
  X(boolean)                   \
  X(boolean_query)             \
  X(utf8)                      \
  X(blank)                     \
  X(empty)                     \
  X(control_characters)        \
  X(no_such_region)            \
  X(no_such_team)              \
  X(no_such_user)              \
  X(no_such_active_user)       \
  X(no_such_pipeline)          \
  X(no_such_stage)             \
  X(no_such_product)           \
  X(no_such_record)            \
  X(user_sort_fields)          \
  X(phone_chars)               \
  X(username_chars)            \
  X(still_referred_to)         \
  X(membership_overlap)        \
  X(wrong_password)            \
  X(team_tree_too_deep)        \
  X(version_required)          \
  X(too_many_failed_logins)    \
  X(unknown_sort_field)        \
  X(use_password_endpoint)     \
  X(cannot_deactivate_self)    \
  X(cannot_drop_own_admin)     \
  X(not_accepted_here)         \
  X(not_a_parameter)           \
  X(not_a_filter)              \
  X(set_by_system)             \
  X(tag_comma)                 \
  X(tag_too_long)              \
  X(not_negative)              \
  X(positive)                  \
  X(too_large)                 \
  X(fen)                       \
  X(instant)                   \
  X(cell_date)                 \
  X(cell_time)                 \
  X(yes_or_no)                 \
  X(user_deactivated)          \
  X(decimal_places)            \
  X(amount_out_of_range)       \
  X(yuan)                      \
  X(already_owner)             \
  X(id_twice)                  \
  X(id_array)                  \
  X(tier_rule)                 \
  X(stage_kind)                \
  X(new_stage_has_id)          \
  X(default_pipeline)          \
  X(stage_in_use)              \
  X(stage_kind_in_use)         \
  X(stage_list)                \
  X(stage_object)              \
  X(other_pipeline)            \
  X(no_open_stage)             \
  X(satisfaction_on_revisit)   \
  X(other_customer)            \
  X(own_or_team)               \
  X(only_with_team_scope)      \
  X(outside_scope)             \
  X(todo_kind)                 \
  X(snooze_kind)               \
  X(remind_someone_else)       \
  X(not_for_kind_all)          \
  X(not_their_todo)            \
  X(snooze_until)              \
  X(not_open)                  \
  X(checkin_pair)              \
  X(degrees)                   \
  X(cell_degrees)              \
  X(phone)                     \
  X(line_array)                \
  X(too_many_lines)            \
  X(at_least_one_line)         \
  X(quote_converted)           \
  X(set_by_conversion)         \
  X(total_is_sum)              \
  X(below_payments)            \
  X(cancel_with_payments)      \
  X(order_has_payments)        \
  X(order_cancelled)           \
  X(over_outstanding)          \
  X(org_cost_scope)            \
  X(quote_already_ordered)     \
  X(quote_rejected)            \
  X(receivables_group)         \
  X(order_total_out_of_range)  \
  X(file_empty)                \
  X(header_unreadable)         \
  X(no_data_rows)              \
  X(too_many_rows)             \
  X(not_a_table_file)          \
  X(not_utf8_or_gbk)           \
  X(xls_file)                  \
  X(duplicate_column)          \
  X(missing_column)            \
  X(row_not_utf8)              \
  X(text_after_quote)          \
  X(unclosed_quote)            \
  X(external_id_repeated)      \
  X(external_id_taken)         \
  X(ambiguous_user)            \
  X(ambiguous_record)          \
  X(ambiguous_stage)           \
  X(ambiguous_team)            \
  X(username_repeated)         \
  X(import_kind)               \
  X(cell_instant)              \
  X(in_future)                 \
  X(no_such_user_cell)         \
  X(cell_join_date)            \
  X(cell_end_date)             \
  X(after_start)               \
  X(stint_repeated)            \
  X(join_date_needs_team)      \
  X(too_many_imports)          \
  X(required)                  \
  X(unknown_metric)            \
  X(no_growth)                 \
  X(scope_syntax)              \
  X(ambiguous_scope)           \
  X(scope_id)                  \
  X(compare_mode)              \
  X(compare_basis)             \
  X(time_zone_moves_days)      \
  X(too_many_scopes)           \
  X(too_many_answers)          \
  X(no_customer_segment)       \
  X(no_product_segment)        \
  X(segment_dim)               \
  X(too_many_periods)          \
  X(already_segmented)         \
  X(one_scope_at_a_time)       \
  X(no_sub_scopes)             \
  X(breakdown)                 \
  X(segment_key_needs_segment) \
  X(target_one_scope)          \
  X(target_no_segment)         \
  X(target_additive)           \
  X(period_syntax)             \
  X(period_year)               \
  X(period_month)              \
  X(period_day)                \
  X(period_week)               \
  X(period_week_53)            \
  X(period_quarter)            \
  X(period_range_order)        \
  X(analysis_by)               \
  X(additive_metric)           \
  X(export_format)             \
  X(risk_kind)                 \
  X(stage_name_utf8)           \
  X(stage_name_blank)          \
  X(open_stage_required)       \
  X(one_won_stage)             \
  X(lost_stage_required)       \
  X(body_not_object)           \
  X(xlsx_not_xlsx)             \
  X(xlsx_no_workbook)          \
  X(xlsx_no_worksheet)         \
  X(xlsx_worksheet_missing)    \
  X(xlsx_not_worksheet)        \
  X(xlsx_too_many_rows)        \
  X(xlsx_too_many_empty_cells) \
  X(workbook_not_written)      \
  X(export_not_written)        \
  X(import_interrupted)        \
  X(no_analytics)              \
  X(store_has_org)             \
  X(no_admin_to_act_as)        \
  X(no_weights)                \
  X(negative_weight)           \
  X(all_weights_zero)          \
  X(no_working_days)           \
  X(twelve_months)             \
  X(one_target_scope)          \
  X(own_target)                \
  X(not_a_target_metric)       \
  X(target_period)             \
  X(split_person)              \
  X(nothing_below)             \
  X(one_weight_per_part)       \
  X(seasonality_year)          \
  X(finer_period)              \
  X(integer_array)             \
  X(not_your_commit)           \
  X(own_plan_only)             \
  X(revenue_target)            \
  X(target_repeated)           \
  X(report_period)             \
  X(section_key)               \
  X(section_type)              \
  X(sections_needed)           \
  X(one_data_section)          \
  X(time_of_day)               \
  X(own_report_only)           \
  X(own_report_review)         \
  X(report_not_editable)       \
  X(report_not_submitted)      \
  X(report_not_returnable)     \
  X(report_no_goals)           \
  X(report_kind)               \
  X(channel_url)               \
  X(channel_kind)              \
  X(review_period)             \
  X(review_closed)             \
  X(review_started)            \
  X(review_owner_only)         \
  X(review_participant_only)   \
  X(own_card_only)             \
  X(card_tone)                 \
  X(card_section)              \
  X(opportunity_not_closed)    \
  X(case_outside_review)       \
  X(no_such_root_cause)        \
  X(due_before_period)         \
  X(action_item_done)          \
  X(own_action_item_only)      \
  X(band_first_from_zero)      \
  X(band_follows_previous)     \
  X(band_upper_above_lower)    \
  X(band_last_open)            \
  X(weights_total)             \
  X(statement_approved)        \
  X(evaluation_closed)         \
  X(plan_dates_overlap)        \
  X(period_overlaps_approved)  \
  X(not_zero)                  \
  X(own_commission)            \
  X(no_commission_plan)        \
  X(level)

// Every detail code with parameters, and the parameters' names in order (space-separated).
#define FUPAN_PARAM_DETAILS(X)          \
  X(range, "min max")                   \
  X(range_words, "min max")             \
  X(integer_range, "min max")           \
  X(integer_from, "min")                \
  X(length_range, "min max")            \
  X(at_most_chars, "max")               \
  X(sheet_header, "sheet")              \
  X(at_least_chars, "min")              \
  X(at_most, "max")                     \
  X(at_least, "min")                    \
  X(degrees_range, "min max")           \
  X(one_of, "choices")                  \
  X(ids_range, "min max")               \
  X(line_object, "line")                \
  X(line_product_required, "line")      \
  X(line_quantity_required, "line")     \
  X(line_product_id, "line")            \
  X(line_quantity, "line")              \
  X(line_unit_price, "line")            \
  X(line_discount, "line")              \
  X(line_no_such_product, "line")       \
  X(line_unknown_field, "line key")     \
  X(line_negative_quantity, "line")     \
  X(line_negative_price, "line")        \
  X(line_discount_range, "line")        \
  X(line_amount_out_of_range, "line")   \
  X(line_unclosed_quote, "line")        \
  X(line_text_after_quote, "line")      \
  X(stage_in_pipeline, "stage")         \
  X(stage_listed_twice, "stage")        \
  X(stage_name_too_long, "name")        \
  X(stage_name_twice, "name")           \
  X(stage_position_twice, "position")   \
  X(stage_probability, "name")          \
  X(won_probability, "name")            \
  X(lost_probability, "name")           \
  X(probability_order, "name before")   \
  X(json_syntax, "reason")              \
  X(xlsx_part_unpack, "part")           \
  X(xlsx_part_damaged, "part")          \
  X(xlsx_part_too_large, "part")        \
  X(xlsx_part_not_xml, "part")          \
  X(xlsx_row_number, "row")             \
  X(xlsx_shared_string, "row")          \
  X(xlsx_cell_reference, "row")         \
  X(xlsx_too_many_columns, "row")       \
  X(no_user_named, "username")          \
  X(user_named_deactivated, "username") \
  X(section_key_twice, "key")           \
  X(section_required, "title")

enum class DetailCode : std::uint16_t {
  none,  // no detail
#define FUPAN_DETAIL_ENUM(name, ...) name,
  FUPAN_PLAIN_DETAILS(FUPAN_DETAIL_ENUM) FUPAN_PARAM_DETAILS(FUPAN_DETAIL_ENUM)
#undef FUPAN_DETAIL_ENUM
};

// Returns the code's stable snake_case name, the key of the catalogues ("" for none).
std::string_view detail_code_name(DetailCode code);
// Returns the names of the code's parameters, in the order a Detail holds them.
std::vector<std::string_view> detail_param_names(DetailCode code);
// Returns every detail code but none.
std::span<const DetailCode> all_detail_codes();

// A parameter of a detail: an integer or a string.
using DetailParam = std::variant<std::int64_t, std::string>;

// A detail: its code and its parameters in the order detail_param_names(code) lists them.
struct Detail {
  DetailCode code = DetailCode::none;
  std::vector<DetailParam> params;

  Detail() = default;
  Detail(DetailCode c) : code(c) {}  // NOLINT: implicit, so a code without parameters is a detail
  Detail(DetailCode c, std::vector<DetailParam> p) : code(c), params(std::move(p)) {}
  bool empty() const { return code == DetailCode::none; }
  friend bool operator==(const Detail&, const Detail&) = default;
};

// The details, to write at a call site: Error::invalid("months", detail::range(1, 12)),
// Error::invalid(name, detail::string).
namespace detail {

#define FUPAN_DETAIL_CONSTANT(name) inline constexpr DetailCode name = DetailCode::name;
FUPAN_PLAIN_DETAILS(FUPAN_DETAIL_CONSTANT)
#undef FUPAN_DETAIL_CONSTANT

// "{min}..{max}"
inline Detail range(std::int64_t min, std::int64_t max) {
  return {DetailCode::range, {min, max}};
}
// "{min} to {max}"
inline Detail range_words(std::int64_t min, std::int64_t max) {
  return {DetailCode::range_words, {min, max}};
}
// "an integer {min}..{max}"
inline Detail integer_range(std::int64_t min, std::int64_t max) {
  return {DetailCode::integer_range, {min, max}};
}
// "an integer from {min}"
inline Detail integer_from(std::int64_t min) {
  return {DetailCode::integer_from, {min}};
}
// "must be {min}..{max} characters"
inline Detail length_range(std::int64_t min, std::int64_t max) {
  return {DetailCode::length_range, {min, max}};
}
// "at most {max} characters"
inline Detail at_most_chars(std::int64_t max) {
  return {DetailCode::at_most_chars, {max}};
}
// "at least {min} characters"
inline Detail at_least_chars(std::int64_t min) {
  return {DetailCode::at_least_chars, {min}};
}
// "at most {max}"
inline Detail at_most(std::int64_t max) {
  return {DetailCode::at_most, {max}};
}
// "at least {min}"
inline Detail at_least(std::int64_t min) {
  return {DetailCode::at_least, {min}};
}
// "degrees from {min} to {max}"
inline Detail degrees_range(std::string min, std::string max) {
  return {DetailCode::degrees_range, {std::move(min), std::move(max)}};
}
// "one of {choices}"
inline Detail one_of(std::string choices) {
  return {DetailCode::one_of, {std::move(choices)}};
}
// "the sheet “{sheet}” does not start with the first sheet's header row"
inline Detail sheet_header(std::string sheet) {
  return {DetailCode::sheet_header, {std::move(sheet)}};
}
// "{min}..{max} ids"
inline Detail ids_range(std::int64_t min, std::int64_t max) {
  return {DetailCode::ids_range, {min, max}};
}
// "line {line}: must be an object"
inline Detail line_object(std::int64_t line) {
  return {DetailCode::line_object, {line}};
}
// "line {line}: product_id is required"
inline Detail line_product_required(std::int64_t line) {
  return {DetailCode::line_product_required, {line}};
}
// "line {line}: quantity is required"
inline Detail line_quantity_required(std::int64_t line) {
  return {DetailCode::line_quantity_required, {line}};
}
// "line {line}: product_id must be a positive integer id"
inline Detail line_product_id(std::int64_t line) {
  return {DetailCode::line_product_id, {line}};
}
// "line {line}: quantity must be an integer of at least 1"
inline Detail line_quantity(std::int64_t line) {
  return {DetailCode::line_quantity, {line}};
}
// "line {line}: unit_price must be an integer number of fen, 0 or more"
inline Detail line_unit_price(std::int64_t line) {
  return {DetailCode::line_unit_price, {line}};
}
// "line {line}: discount_bp must be an integer 0..10000"
inline Detail line_discount(std::int64_t line) {
  return {DetailCode::line_discount, {line}};
}
// "line {line}: no such product"
inline Detail line_no_such_product(std::int64_t line) {
  return {DetailCode::line_no_such_product, {line}};
}
// "line {line}: {key} is not accepted here"
inline Detail line_unknown_field(std::int64_t line, std::string key) {
  return {DetailCode::line_unknown_field, {line, std::move(key)}};
}
// "line {line}: quantity must not be negative"
inline Detail line_negative_quantity(std::int64_t line) {
  return {DetailCode::line_negative_quantity, {line}};
}
// "line {line}: unit price must not be negative"
inline Detail line_negative_price(std::int64_t line) {
  return {DetailCode::line_negative_price, {line}};
}
// "line {line}: discount must be 0..10000 basis points"
inline Detail line_discount_range(std::int64_t line) {
  return {DetailCode::line_discount_range, {line}};
}
// "line {line}: amount is out of range"
inline Detail line_amount_out_of_range(std::int64_t line) {
  return {DetailCode::line_amount_out_of_range, {line}};
}
// "line {line}: a quoted field is never closed"
inline Detail line_unclosed_quote(std::int64_t line) {
  return {DetailCode::line_unclosed_quote, {line}};
}
// "line {line}: text after a closing quote"
inline Detail line_text_after_quote(std::int64_t line) {
  return {DetailCode::line_text_after_quote, {line}};
}
// "stage {stage} is not in this pipeline"
inline Detail stage_in_pipeline(std::int64_t stage) {
  return {DetailCode::stage_in_pipeline, {stage}};
}
// "stage {stage} is listed twice"
inline Detail stage_listed_twice(std::int64_t stage) {
  return {DetailCode::stage_listed_twice, {stage}};
}
// "stage name "{name}" is longer than 32 characters"
inline Detail stage_name_too_long(std::string name) {
  return {DetailCode::stage_name_too_long, {std::move(name)}};
}
// "stage name "{name}" is used twice"
inline Detail stage_name_twice(std::string name) {
  return {DetailCode::stage_name_twice, {std::move(name)}};
}
// "position {position} is used twice"
inline Detail stage_position_twice(std::int64_t position) {
  return {DetailCode::stage_position_twice, {position}};
}
// "stage "{name}": probability must be 0..100"
inline Detail stage_probability(std::string name) {
  return {DetailCode::stage_probability, {std::move(name)}};
}
// "won stage "{name}" must have probability 100"
inline Detail won_probability(std::string name) {
  return {DetailCode::won_probability, {std::move(name)}};
}
// "lost stage "{name}" must have probability 0"
inline Detail lost_probability(std::string name) {
  return {DetailCode::lost_probability, {std::move(name)}};
}
// "open stage "{name}" has a lower probability than the stage before it, "{before}""
inline Detail probability_order(std::string name, std::string before) {
  return {DetailCode::probability_order, {std::move(name), std::move(before)}};
}
// "{reason}"
inline Detail json_syntax(std::string reason) {
  return {DetailCode::json_syntax, {std::move(reason)}};
}
// "{part} cannot be unpacked"
inline Detail xlsx_part_unpack(std::string part) {
  return {DetailCode::xlsx_part_unpack, {std::move(part)}};
}
// "{part} is damaged"
inline Detail xlsx_part_damaged(std::string part) {
  return {DetailCode::xlsx_part_damaged, {std::move(part)}};
}
// "{part} unpacks to more than 512 MiB"
inline Detail xlsx_part_too_large(std::string part) {
  return {DetailCode::xlsx_part_too_large, {std::move(part)}};
}
// "{part} is not valid XML"
inline Detail xlsx_part_not_xml(std::string part) {
  return {DetailCode::xlsx_part_not_xml, {std::move(part)}};
}
// "row number {row} is out of range"
inline Detail xlsx_row_number(std::string row) {
  return {DetailCode::xlsx_row_number, {std::move(row)}};
}
// "row {row}: a cell refers to a shared string that does not exist"
inline Detail xlsx_shared_string(std::int64_t row) {
  return {DetailCode::xlsx_shared_string, {row}};
}
// "row {row}: a cell has a bad reference"
inline Detail xlsx_cell_reference(std::int64_t row) {
  return {DetailCode::xlsx_cell_reference, {row}};
}
// "row {row}: more than 16384 columns"
inline Detail xlsx_too_many_columns(std::int64_t row) {
  return {DetailCode::xlsx_too_many_columns, {row}};
}
// "no user named '{username}'"
inline Detail no_user_named(std::string username) {
  return {DetailCode::no_user_named, {std::move(username)}};
}
// "user '{username}' is deactivated"
inline Detail user_named_deactivated(std::string username) {
  return {DetailCode::user_named_deactivated, {std::move(username)}};
}
// "the section key {key} is used twice"
inline Detail section_key_twice(std::string key) {
  return {DetailCode::section_key_twice, {std::move(key)}};
}
// "\"{title}\" is required: fill it in before submitting"
inline Detail section_required(std::string title) {
  return {DetailCode::section_required, {std::move(title)}};
}

}  // namespace detail
}  // namespace fupan
