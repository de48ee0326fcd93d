"""One way for a plugin to give Python-Markdown an extension of its own."""


def add_once(settings, extension_class):
    """Add an `extension_class` to the MARKDOWN setting's extensions unless one
    is there already: the settings outlive a build in the warm preview, which
    calls every plugin's register() again for the next one."""
    extensions = settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    if not any(isinstance(extension, extension_class) for extension in extensions):
        extensions.append(extension_class())
