/// The filter form's view model: current values (as typed, so a bad value can be corrected),
/// choices, and the message of a rejected value.
struct FilterForm: Sendable {
    let from: String
    let to: String
    let tz: String
    /// `date` when both bounds are plain days (a native date picker), else `text`.
    let dateInputType: String
    let loginStates: [SelectOption]
    let eventName: String
    let eventNames: [Suggestion]
    let timeZones: [Suggestion]
    let hiddenFields: [HiddenField]
    let activeFilters: [ActiveFilter]
    let hasActiveFilters: Bool
    let resetURL: String
    let hasError: Bool
    let errorParameter: String
    let errorMessage: String
}
