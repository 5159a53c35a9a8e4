"""Every word the pages show for the domain's values and refusals, in one place."""
