import Postgres

extension Analytics {
    /// Caller: `Analytics.products(_:)` (top products table, `/api/v1/products`) on the raw tables.
    /// `grouped` is one scan of the product events (non-empty product id) in the filters, counted per
    /// product × name × category × brand; everything else works on those few rows. $7 and $8 are the
    /// event names of funnel steps 1 (views) and 2 (add-to-carts), $9 the number of products.
    /// A product's name, category and brand are the non-empty values most of its events carried,
    /// ties to the smallest in code-point order. Totals count every product, not only the top ones.
    static let productsQuery = """
        WITH grouped AS (
          SELECT e.context_product_id COLLATE "C" AS product_id,
                 nullif(e.context_product_name, '') COLLATE "C" AS name,
                 nullif(e.context_product_category, '') COLLATE "C" AS category,
                 nullif(e.context_product_brand, '') COLLATE "C" AS brand,
                 count(*) AS events,
                 count(*) FILTER (WHERE e.event_name = ANY($7::text[])) AS views,
                 count(*) FILTER (WHERE e.event_name = ANY($8::text[])) AS carts
          FROM clickstream_events e
          WHERE \(filterPredicate)
            AND coalesce(e.context_product_id, '') <> ''
          GROUP BY 1, 2, 3, 4
        ), ranked AS (
          SELECT product_id, sum(views)::bigint AS views, sum(carts)::bigint AS carts,
                 (sum(sum(views)) OVER ())::bigint AS total_views,
                 (sum(sum(carts)) OVER ())::bigint AS total_carts
          FROM grouped
          GROUP BY product_id
          ORDER BY views DESC, carts DESC, product_id
          LIMIT $9
        ), names AS (
          SELECT DISTINCT ON (product_id) product_id, name
          FROM grouped WHERE name IS NOT NULL
          GROUP BY product_id, name
          ORDER BY product_id, sum(events) DESC, name
        ), categories AS (
          SELECT DISTINCT ON (product_id) product_id, category
          FROM grouped WHERE category IS NOT NULL
          GROUP BY product_id, category
          ORDER BY product_id, sum(events) DESC, category
        ), brands AS (
          SELECT DISTINCT ON (product_id) product_id, brand
          FROM grouped WHERE brand IS NOT NULL
          GROUP BY product_id, brand
          ORDER BY product_id, sum(events) DESC, brand
        )
        SELECT r.product_id, n.name, c.category, b.brand, r.views, r.carts, r.total_views, r.total_carts
        FROM ranked r
        LEFT JOIN names n USING (product_id)
        LEFT JOIN categories c USING (product_id)
        LEFT JOIN brands b USING (product_id)
        ORDER BY r.views DESC, r.carts DESC, r.product_id
        """

    /// The top products by views, then add-to-carts, then id.
    public func products(_ filters: Filters) async throws(AnalyticsError) -> ProductBreakdown {
        if let snapshot = try await snapshot(for: filters) { return snapshot.products(filters, limit: configuration.topLimit) }
        let steps = try await funnelSteps()
        let views = steps.first?.eventNames ?? []
        let carts = steps.dropFirst().first?.eventNames ?? []
        let result = try await run("products", Self.productsQuery,
                                   Self.parameters(filters) + [views, carts, configuration.topLimit])
        return try decode("products") { () throws(PostgresError) -> ProductBreakdown in
            let items = try result.map { row throws(PostgresError) in
                ProductRow(productID: try row.decode(String.self, at: 0), name: row[1], category: row[2], brand: row[3],
                           views: try row.decode(Int.self, at: 4), addToCarts: try row.decode(Int.self, at: 5))
            }
            return ProductBreakdown(items: items, totalViews: try result.first?.decode(Int.self, at: 6) ?? 0,
                                    totalAddToCarts: try result.first?.decode(Int.self, at: 7) ?? 0)
        }
    }
}
