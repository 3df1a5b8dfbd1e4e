extension ToolSpec {
    static let listApplications = ToolSpec(
        "list_applications", title: "List applications", toolset: .applications,
        summary: "Applications, summarised (uuid, name, status, fqdn, git repository and branch).",
        params: [.page, .perPage],
        actions: [.read(.get("/applications"),
                        projection: .list(["uuid", "name", "status", "fqdn", "git_repository", "git_branch"]))])

    static let getApplication = ToolSpec(
        "get_application", title: "Get application", toolset: .applications,
        summary: "One application in full. Webhook secrets, basic-auth password, compose, labels and env values are masked unless reveal is true.",
        params: [.uuid(), .reveal],
        actions: [.read(.get("/applications/{uuid}"))])
}
