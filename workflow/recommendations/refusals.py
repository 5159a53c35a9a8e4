"""What the recommendations' own use cases refuse (finding, writing and editing a draft), as codes.

Each member names its parameters in a comment; the wording lives in ``web/wording/refusals/recommendations.py``.
"""

from workflow.engine.errors import RefusalCode


class RecommendationRefusal(RefusalCode):
    """Refusals of workflow/recommendations."""

    NO_RECOMMENDATION = "recommendations.no_recommendation", "not_found"    # ref
    NO_ORGANISATION = "recommendations.no_organisation", "not_found"        # ids
    NO_WORKING_GROUP = "recommendations.no_working_group", "not_found"      # group
    GROUP_CONCLUDED = "recommendations.group_concluded"                     # group
    NOT_AUTHOR = "recommendations.not_author", "not_permitted"              # name, email, group
    ONLY_DRAFTS_EDITABLE = "recommendations.only_drafts_editable"           # label, state
    NOTHING_TO_SAVE = "recommendations.nothing_to_save"                     # label
    ATTACHMENT_TYPE = "recommendations.attachment_type"                     # name, kinds
    ATTACHMENT_TOO_LARGE = "recommendations.attachment_too_large"           # name, limit_mb
    ATTACHMENT_EMPTY = "recommendations.attachment_empty"                   # name
    ATTACHMENT_TWICE = "recommendations.attachment_twice", "conflict"       # name, label
    ATTACHMENTS_FROZEN = "recommendations.attachments_frozen"               # label, state
    NO_ATTACHMENT = "recommendations.no_attachment", "not_found"            # ref, attachment
