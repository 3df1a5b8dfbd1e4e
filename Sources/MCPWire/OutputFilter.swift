package import JSON

/// What the protocol layer needs from the code that masks secrets. It is given one (see
/// ``MCPServer``) and knows nothing of what a secret looks like or what Coolify calls its
/// fields: every message it writes passes this filter (``SanitizedMessage``).
package protocol OutputFilter: Sendable {
    /// A tool result's content, unmasking only what `grant` allows.
    func sanitize(_ content: JSONValue, grant: RevealGrant) -> JSONValue
    /// Free text of a protocol message (a progress note, an error sentence), keys included.
    func redactText(_ text: String) -> String
    /// The last pass over every line's bytes: the secrets' own bytes, whatever the shape.
    func filterLine(_ bytes: inout [UInt8])
}

/// What one tool result may unmask. The catalogue declares, per tool action, what a reveal may
/// name (always one resource, or one variable by its key); the tool host turns the caller's
/// arguments into this grant; the sanitizer below enforces it on the shape of the answer. Any
/// shape the grant does not describe exactly fails closed: masked, with a sentence saying why.
package enum RevealGrant: Sendable, Equatable {
    /// Nothing asked, nothing unmasked.
    case none
    /// The caller asked, but the action unmasks nothing: masked, with this sentence.
    case refused(String)
    /// The revealable fields of the one object the call named: the answer must be a single
    /// object whose `idField` is `id`.
    case resource(idField: String, id: String)
    /// The revealable fields of one named variable: the answer must be an object whose
    /// `listField` is a list of objects, every one with `keyField` equal to `key` (a variable
    /// may have a production and a preview row). Nothing else in it is unmasked.
    case rows(listField: String, keyField: String, key: String)
}
