/// What a token opens, and what a route needs: `all` is the dashboard page and everything else; `api` is the
/// JSON/CSV API and `/metrics` only (for scripts and scrapers, which never need the page).
public enum AccessScope: String, Sendable, CaseIterable {
    case all
    case api

    /// Whether a token of this scope may open a route that needs `required`.
    public func covers(_ required: AccessScope) -> Bool {
        self == .all || self == required
    }
}
