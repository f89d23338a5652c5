// Generated from shared/samples (copied verbatim) so the suite needs nothing outside this repo.
// Kept as Swift literals rather than files: the package has no resource/exclude entry for them.

/// The shared sample files, byte for byte, by their path under samples/.
enum SampleFiles {
    static let all: [String: [UInt8]] = [
        "bad/bad-timestamp.json": Array(#"""
{"eventName":"page_view","_ingest":{"receivedAt":"yesterday-ish"}}
"""#.utf8),
        "bad/empty.json": [],
        "bad/invalid-utf8.json": [0x7B, 0x22, 0x65, 0x76, 0x65, 0x6E, 0x74, 0x4E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0x70, 0x61, 0x67, 0x65, 0x5F, 0x76, 0x69, 0x65, 0x77, 0x22, 0x2C, 0x22, 0x63, 0x6C, 0x69, 0x65, 0x6E, 0x74, 0x49, 0x64, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x20, 0x62, 0x61, 0x64, 0x20, 0x75, 0x74, 0x66, 0x38, 0x22, 0x7D],
        "bad/no-event-name.json": Array(#"""
{"eventId":"22222222-3333-4444-8555-666666666666","clientId":"c1","sessionId":"s1"}
"""#.utf8),
        "bad/not-an-object.json": Array(#"""
[1,2,3]
"""#.utf8),
        "bad/price-not-a-number.json": Array(#"""
{"eventName":"page_view","clientId":"c1","product":{"price":"one million"}}
"""#.utf8),
        "bad/truncated.json": Array(#"""
{"eventName":"page_view","eventId":"11111111-2222-4333-8444-555555555555","clientId":"c1"
"""#.utf8),
        "case-study/part-0000.json": Array(#"""
{"user_id":"u-1001","session_id":"sess-9001","event_type":"page_view","event_timestamp":"2024-11-04T15:02:11Z","device_type":"mobile","page_url":"/laptops/asus-zenbook-14","referrer_url":"https://www.google.com/","metadata":{"product_id":"asus-zenbook-14","category":"laptop","brand":"ASUS","price":"23990000"}}
{"user_id":"u-1001","session_id":"sess-9001","event_type":"add_to_cart","event_timestamp":"2024-11-04T15:04:40Z","device_type":"mobile","page_url":"/laptops/asus-zenbook-14","referrer_url":"/laptops","metadata":{"product_id":"asus-zenbook-14","category":"laptop","brand":"ASUS","price":"23990000"}}
{"user_id":"u-1001","session_id":"sess-9001","event_type":"purchase","event_timestamp":"2024-11-04T15:09:02Z","device_type":"mobile","page_url":"/checkout/done","referrer_url":"/checkout","metadata":{"order_id":"o-55120","order_total":"23990000"}}

"""#.utf8),
        "kinesis-poc/enriched-firehose-batch.ndjson": Array(#"""
{"timestamp":"2021-07-12 20:24:49.536462","user_id":"20","pixel_id":"fytil06mrm","click_id":"57ae98d7ffd94dc6a47fd756ab9c1cde","insertion_timestamp":"2021-07-12 20:24:49.536488","event_name":"AddToCart","user_ip":"169.235.214.44","additional_data":{"price":694.83,"product_id":361482,"time_on_data":83,"percent_viewed":87},"name":"Semyon Ryan","country":"US","region":"California","city":"Riverside"}
{"timestamp":"2021-07-12 20:25:03.100000","user_id":"20","pixel_id":"fytil06mrm","click_id":"9c2e4d1f0b3a4e6f8a7b6c5d4e3f2a1b","insertion_timestamp":"2021-07-12 20:25:03.100021","event_name":"Purchase","user_ip":"169.235.214.44","additional_data":{"price":694.83,"product_id":361482,"time_on_data":12,"percent_viewed":100},"name":"Semyon Ryan","country":"US","region":"California","city":"Riverside"}
{"timestamp":"2021-07-12 20:26:40.000001","user_id":"41","pixel_id":"q8x1m2n3b4","click_id":"0f1e2d3c4b5a69788796a5b4c3d2e1f0","insertion_timestamp":"2021-07-12 20:26:40.000040","event_name":"ViewContent","user_ip":"85.12.3.4","additional_data":{"price":99.5,"product_id":120001,"time_on_data":240,"percent_viewed":72.5},"name":"Ana Gomez","country":"ES","region":"Madrid","city":"Madrid"}

"""#.utf8),
        "kinesis-poc/raw-search.json": Array(#"""
{"timestamp":"2021-07-12 12:01:58.732726","user_id":"35","pixel_id":"wjgao4w1oi","click_id":"a5cf179b9c9d483abf6d424d44a293be","insertion_timestamp":"2021-07-12 12:01:58.732754","event_name":"Search","user_ip":"111.33.64.227","additional_data":{"time_on_data":79,"percent_viewed":39.7,"product_id":557246,"price":417.97}}

"""#.utf8),
        "sbw-ingest/event-0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a01.json": Array(#"""
{"eventName":"product_view","eventId":"0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a01","pageUrl":"https://shop.example.vn/product/ban-phim-aula-m75-tm","referrer":"https://shop.example.vn/category/keyboard","userId":null,"userLoginState":"anonymous","clientId":"5d0f4a8e-8a1b-4f5e-b2f4-0c6a1d9e7b10","sessionId":"9f1c2b3a-44d5-4e6f-8a7b-1c2d3e4f5a6b","isFirstVisit":true,"product":{"id":"prod_aula_m75_tm","name":"Bàn phím AULA M75 TM","category":"keyboard","brand":"AULA","price":1990000,"discountPrice":1790000,"urlPath":"/product/ban-phim-aula-m75-tm"},"_ingest":{"receivedAt":"2025-12-06T05:14:09.512Z","sourceIp":"203.0.113.24","userAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36","method":"POST","path":"/clickstream","requestId":"Qx1aZg3JSQ0EJ2A=","apiId":"a1b2c3d4e5","stage":"$default","traceId":"Root=1-6752889a-1a2b3c4d5e6f7a8b9c0d1e2f"}}

"""#.utf8),
        "sbw-ingest/event-7c1d2e3f-0a4b-4c6d-8e9f-a0b1c2d3e4f5.json": Array(#"""
{"eventName":"checkout_complete","eventId":"7c1d2e3f-0a4b-4c6d-8e9f-a0b1c2d3e4f5","pageUrl":"https://shop.example.vn/success?session_id=cs_test_a1","referrer":"https://checkout.example.com/","userId":"user_2q9v9pLmX3","userLoginState":"logged_in","identitySource":"clerk_google","clientId":"c_9f87ad21","sessionId":"s_a13b2c77","isFirstVisit":false,"element":{"dataset":{"orderId":"ord_01J9ZK","orderNumber":"SBW-100231","total":"5370000"}},"_ingest":{"receivedAt":"2025-12-06T05:41:55.004Z","sourceIp":"198.51.100.7","userAgent":"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1","method":"POST","path":"/clickstream","requestId":"Qx1bAh9kSQ0EJ7B="}}

"""#.utf8),
        "sbw-ingest/event-c3d4e5f6-a7b8-4c9d-8e0f-112233445566.json": Array(#"""
{"eventName":"click","eventId":"c3d4e5f6-a7b8-4c9d-8e0f-112233445566","pageUrl":"https://shop.example.vn/shop","referrer":null,"userId":null,"userLoginState":"anonymous","clientId":"5d0f4a8e-8a1b-4f5e-b2f4-0c6a1d9e7b10","sessionId":"9f1c2b3a-44d5-4e6f-8a7b-1c2d3e4f5a6b","isFirstVisit":false,"element":{"tag":"a","id":"","role":null,"text":"Tai nghe <Razer> & \"BlackShark\"","dataset":{}},"_ingest":{"receivedAt":"2025-12-06T05:15:30.000Z","sourceIp":"203.0.113.24","userAgent":"Mozilla/5.0","method":"POST","path":"/clickstream","requestId":"Qx1cBh0lSQ0EJ9C="}}

"""#.utf8),
        "sbw-ingest/event-snake-case-no-id.json": Array(#"""
{"event_name":"add_to_cart_click","event_timestamp":"2025-12-06T05:20:00+07:00","user_id":"user_77","user_login_state":"logged_in","identity_source":"clerk_email","client_id":"c_77","session_id":"s_77","is_first_visit":"false","context_product":{"product_id":"prod_logi_g102","product_name":"Chuột Logitech G102","product_category":"mouse","product_brand":"Logitech","product_price":"399000","product_discount_price":null,"product_url_path":"/product/chuot-logitech-g102"}}

"""#.utf8),
    ]
}
