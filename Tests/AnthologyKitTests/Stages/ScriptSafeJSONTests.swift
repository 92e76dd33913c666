import Foundation
import Testing
@testable import AnthologyKit

@Suite("JSON inside <script>")
struct ScriptSafeJSONTests {
    @Test func parsesBackToTheSameValueWithSortedKeys() throws {
        let value: JSONValue = [
            "name": "Zoë \"Z\" O'Hara\\", "count": 3, "ok": true,
            "list": ["a\nb", "tab\there", "\u{1}"], "nested": ["b": 1, "a": 2],
        ]
        let text = ScriptSafeJSON.string(value)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["name"] as? String == "Zoë \"Z\" O'Hara\\")
        #expect(parsed["list"] as? [String] == ["a\nb", "tab\there", "\u{1}"])
        #expect(parsed["count"] as? Int == 3)
        #expect(parsed["ok"] as? Bool == true)
        #expect(text.hasPrefix(#"{"count":3,"list":"#))
        #expect(text.contains(#""nested":{"a":2,"b":1}"#))
    }

    @Test func storyTextCannotEndTheScriptElement() throws {
        let hostile = "</script><script>alert(1)</script><!-- & \u{2028}"
        let text = ScriptSafeJSON.string(["title": .string(hostile)])
        #expect(!text.contains("<") && !text.contains(">") && !text.contains("&") && !text.contains("\u{2028}"))
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        #expect(parsed?["title"] == hostile)
    }
}
