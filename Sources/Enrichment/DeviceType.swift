import Foundation

/// The `device_type` column, derived from what uap-core says of a user agent. The rule, first answer wins:
/// 1. `bot`: uap-core's device family or brand is "Spider" (its crawler rules).
/// 2. `other`: TVs, consoles and media boxes (a device family, brand or user agent naming TV, HbbTV, CrKey,
///    PlayStation, Xbox, Nintendo, Fire TV "AFT…", Roku, Apple TV).
/// 3. `tablet`: an iPad; a device whose family or model names a tablet (Tablet, Tab, Kindle, Nexus 7/9/10,
///    Samsung SM-T/SM-P/SM-X, Xoom, MatePad, Mi Pad, Lenovo TB); or Android without "Mobile" in the user
///    agent (Android tablets' browsers leave it out, phones' put it in).
/// 4. `mobile`: an iPhone or iPod, uap-core's generic smartphone or feature phone, a mobile OS (iOS, Android,
///    Windows Phone/Mobile/CE, BlackBerry, KaiOS, Symbian, Firefox OS, Tizen, HarmonyOS, Sailfish), or "Mobi" in
///    the user agent.
/// 5. `desktop`: a desktop OS (Windows, Mac OS X/macOS, Linux and its distributions, Chrome OS, the BSDs,
///    Solaris).
/// 6. `other`: anything else (an unrecognised user agent among them).
public enum DeviceType: String, Sendable, CaseIterable {
    case desktop, mobile, tablet, bot, other

    static let mobileOperatingSystems: Set<String> = [
        "iOS", "Android", "Windows Phone", "Windows Mobile", "Windows CE", "BlackBerry OS", "BlackBerry Tablet OS",
        "KaiOS", "Symbian OS", "Symbian^3", "Firefox OS", "Tizen", "HarmonyOS", "Sailfish", "webOS", "Bada", "MeeGo", "Maemo",
    ]
    static let desktopOperatingSystems: Set<String> = [
        "Windows", "Mac OS X", "macOS", "Mac OS", "Linux", "Ubuntu", "Debian", "Fedora", "Red Hat", "CentOS", "SUSE", "openSUSE",
        "Mandriva", "Gentoo", "Slackware", "Arch Linux", "Linux Mint", "Kubuntu", "Xubuntu", "Chrome OS", "ChromeOS",
        "FreeBSD", "OpenBSD", "NetBSD", "Solaris", "SunOS",
    ]
    private static let screenPattern = try? CompiledRegex(
        #"SmartTV|SMART-TV|HbbTV|GoogleTV|Android TV|AndroidTV|CrKey|BRAVIA|Web0S|WebOS.*TV|Tizen.*TV|PlayStation|Xbox|Nintendo|\bAFT[A-Z]|Roku|AppleTV|Apple TV"#)
    private static let tabletPattern = try? CompiledRegex(
        #"Tablet|\bTab\b|Kindle|^Nexus (7|9|10)$|^SM-[TPX]\d|Xoom|MatePad|Mi Pad|Lenovo TB|Pixel Tablet"#, caseInsensitive: true)

    /// The rule above for one user agent and uap-core's answers for it.
    public static func classify(userAgent: String, operatingSystem: UserAgentParser.OperatingSystem,
                                device: UserAgentParser.Device) -> DeviceType {
        if device.family == "Spider" || device.brand == "Spider" { return .bot }
        let deviceText = [device.family, device.brand ?? "", device.model ?? ""].joined(separator: " ")
        if matches(screenPattern, deviceText) || matches(screenPattern, userAgent) { return .other }
        if device.family == "iPad" || device.model == "iPad" { return .tablet }
        if matches(tabletPattern, device.family) || device.model.map({ matches(tabletPattern, $0) }) == true { return .tablet }
        if operatingSystem.family == "Android", !userAgent.contains("Mobile") { return .tablet }
        if ["iPhone", "iPod", "Generic Smartphone", "Generic Feature Phone"].contains(device.family)
            || mobileOperatingSystems.contains(operatingSystem.family) || userAgent.contains("Mobi") {
            return .mobile
        }
        if desktopOperatingSystems.contains(operatingSystem.family) || operatingSystem.family.hasPrefix("Windows") { return .desktop }
        return .other
    }

    private static func matches(_ pattern: CompiledRegex?, _ text: String) -> Bool {
        pattern?.matches(text) ?? false
    }
}
