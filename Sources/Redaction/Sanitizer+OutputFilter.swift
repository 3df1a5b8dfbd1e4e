internal import MCPWire

/// The sanitizer is the filter the protocol layer is given: results by field name, shape and
/// reveal grant; protocol text by secret shape; every line by the secrets' own bytes.
extension Sanitizer: OutputFilter {
    package func redactText(_ text: String) -> String { redactor.redact(text) }
    package func filterLine(_ bytes: inout [UInt8]) { redactor.redactSecrets(&bytes) }
}
