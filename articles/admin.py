"""The newsroom's admin for sections, authors, articles and Editor's Choice."""

from __future__ import annotations

from typing import Any

import reversion
from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_prose_editor.fields import ProseEditorFormField
from taggit.models import Tag

from articles import ranking
from articles.charts import daily_views_chart
from articles.models import (
    EDITORS_CHOICE_SLOTS,
    Article,
    ArticleTopic,
    Author,
    BreakingNews,
    Correction,
    EditorsPick,
    RelatedArticle,
    Section,
)
from common import editions
from common.admin import ContentAdmin, TolerantAutocompleteMixin
from common.edition_admin import EditionAdmin
from common.forms import ImageDetailsField, LibraryImageForm
from common.roles import editions_of
from common.tags import TagListField

# What the body editor offers; the server-side allow-list (common/sanitize.py) is the
# authority and cleans whatever arrives.
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "Figure": True,
    "Caption": True,
    "Image": True,
    "History": True,
}
TAG_SUGGESTIONS = 15

# Every save of an article keeps a version with its topics and related picks; Editor's Choice is
# the home page's arrangement, not the article's content, and stays out of its history.
reversion.register(ArticleTopic)
reversion.register(RelatedArticle)
reversion.register(Article, follow=["topic_links", "related_links"])


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "in_navigation", "published_articles"]
    list_editable = ["position", "in_navigation"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Section]:
        # Meta.ordering does not apply to GROUP BY queries: order explicitly.
        return (
            super()
            .get_queryset(request)
            .annotate(article_count=Count("articles"))
            .order_by("position", "name")
        )

    @admin.display(description=_("articles"), ordering="article_count")
    def published_articles(self, section: Section) -> int:
        return section.article_count


class AuthorAdminForm(LibraryImageForm):
    image_fields = ("photo",)
    photo_details = ImageDetailsField()

    class Meta:
        model = Author
        fields = ["name", "slug", "bio", "photo"]


@admin.register(Author)
class AuthorAdmin(TolerantAutocompleteMixin, admin.ModelAdmin):
    form = AuthorAdminForm
    list_display = ["name", "slug", "article_count"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    autocomplete_fields = ["photo"]
    fields = ["name", "slug", "bio", "photo", "photo_details"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Author]:
        return super().get_queryset(request).annotate(number_of_articles=Count("articles")).order_by("name")

    @admin.display(description=_("articles"), ordering="number_of_articles")
    def article_count(self, author: Author) -> int:
        return author.number_of_articles


def article_label(article: Article) -> str:
    """An article as the pickers show it: title, section and date (or its state when unpublished),
    so that two stories with similar titles are told apart."""
    if article.status == Article.Status.PUBLISHED and article.published_at:
        when = formats.date_format(timezone.localtime(article.published_at), "DATE_FORMAT")
    else:
        when = str(article.publication_state.label)
    return f"{article.title} — {article.section.name}, {when}"


class RelatedArticleInline(TolerantAutocompleteMixin, admin.TabularInline):
    model = RelatedArticle
    fk_name = "article"
    autocomplete_fields = ["related"]
    extra = 0

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "related":
            field.queryset = field.queryset.select_related("section")
            field.label_from_instance = article_label
        return field

    verbose_name = _("related article")
    verbose_name_plural = _(
        "Related Content (picked by the editors, in this order; the page adds more by tag)"
    )


class ArticleTopicForm(forms.ModelForm):
    def has_changed(self) -> bool:
        # A translation starts with its original's topics as initial rows: saved as they are.
        return super().has_changed() or bool(self.initial.get("topic"))


class ArticleTopicInline(TolerantAutocompleteMixin, admin.TabularInline):
    model = ArticleTopic
    form = ArticleTopicForm
    autocomplete_fields = ["topic"]
    extra = 0
    verbose_name = _("In Focus topic")
    verbose_name_plural = _("In Focus topics")

    def get_extra(self, request: HttpRequest, obj: Article | None = None, **kwargs: Any) -> int:
        original = translated_original(request) if obj is None or not obj.pk else None
        return len(original.topic_ids) if original else self.extra


def translated_original(request: HttpRequest) -> Article | None:
    """The story a new article translates (``?translation_of=<id>`` on the add form), with its
    topics' ids; None when there is none. Read once per request."""
    if not hasattr(request, "_translated_original"):
        original = None
        if request.method == "GET":
            try:
                pk = int(request.GET.get("translation_of", ""))
            except ValueError:
                pk = 0
            if 0 < pk < 2**31:
                original = Article.objects.filter(pk=pk).first()
            if original is not None:
                original.topic_ids = list(original.topic_links.values_list("topic", flat=True))
        request._translated_original = original
    return request._translated_original


class EditorsPickInline(admin.StackedInline):
    model = EditorsPick
    extra = 0
    max_num = 1
    verbose_name_plural = _("Editor's Choice")


class CorrectionInline(admin.StackedInline):
    """Corrections and clarifications of a published article: readers see them on it and at
    /corrections/, and its "Updated" time follows the newest."""

    model = Correction
    extra = 0
    fields = [("kind", "published_at"), "text"]
    verbose_name_plural = _("Corrections and clarifications (shown to readers, dated)")
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"})}
    }


class TagFilter(admin.SimpleListFilter):
    """The most used tags; a list of thousands would be useless."""

    title = _("tag")
    parameter_name = "tag"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        popular = (
            Tag.objects.filter(taggit_taggeditem_items__content_type__model="article")
            .annotate(uses=Count("taggit_taggeditem_items"))
            .order_by("-uses", "name")[:25]
        )
        return [(tag.slug, tag.name) for tag in popular]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Article]) -> QuerySet[Article]:
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


class ArticleAdminForm(LibraryImageForm):
    image_fields = ("hero_image",)
    hero_image_details = ImageDetailsField()
    body = ProseEditorFormField(
        label=capfirst(Article._meta.get_field("body").verbose_name),
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        required=False,
    )
    mark_updated = forms.BooleanField(
        label=_("Mark as substantially updated now"),
        required=False,
        help_text=_("Readers see “Updated” with the current time."),
    )

    class Meta:
        model = Article
        fields = [
            "title", "slug", "section", "lead", "body", "hero_image", "authors", "tags", "language",
            "translation_of", "status", "published_at", "updated_at", "comments_enabled",
        ]  # fmt: skip
        field_classes = {"tags": TagListField}
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "lead": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tags = self.fields.get("tags")
        if tags is not None:
            suggestions_url = reverse("admin:articles_article_suggest_tags")
            tags.widget.attrs.update({"data-tag-suggestions": suggestions_url, "autocomplete": "off"})


@admin.register(Article)
class ArticleAdmin(TolerantAutocompleteMixin, ContentAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "section",
        "status",
        "published_at",
        "editors_choice_mark",
        "author_names",
        "is_public_mark",
    ]
    list_filter = ["status", "section", "published_at", TagFilter]
    search_fields = ["title", "lead"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "section", "hero_image", "translation_of"]
    list_select_related = ["section", "editors_pick"]
    list_per_page = 50
    inlines = [ArticleTopicInline, RelatedArticleInline, EditorsPickInline, CorrectionInline]
    readonly_fields = ["other_editions", "readership", "created_at", "modified_at"]
    actions = [*ContentAdmin.actions, "pick_for_editors_choice", "unpick_from_editors_choice"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "lead", "body"]}),
        (
            _("Hero image"),
            {"fields": ["hero_image", "hero_image_details"]},
        ),
        (_("Classification"), {"fields": ["authors", "tags"]}),
        (_("Edition"), {"fields": ["language", "translation_of", "other_editions"]}),
        (_("Readers"), {"fields": ["readership"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "updated_at",
                    "mark_updated",
                    "comments_enabled",
                    "created_at",
                    "modified_at",
                ]
            },
        ),
    ]

    class Media:
        js = ["articles/admin-tag-suggestions.js"]
        css = {"all": ["articles/admin.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).prefetch_related("authors")

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        # "Translate into …": the new version starts with the original's section, picture and
        # topics (ArticleTopicInline); its words are the translator's own.
        initial = super().get_changeform_initial_data(request)
        original = translated_original(request)
        if original is not None:
            initial.update(section=original.section_id, hero_image=original.hero_image_id)
        return initial

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Article | None, inline: Any, prefix: str
    ) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        original = translated_original(request)
        if isinstance(inline, ArticleTopicInline) and original is not None and (obj is None or not obj.pk):
            kwargs["initial"] = [{"topic": pk} for pk in original.topic_ids]
        return kwargs

    @admin.display(description=_("other editions"))
    def other_editions(self, article: Article) -> SafeString | str:
        """The story's versions in the other editions, or a link to write each one missing."""
        if not article.pk:
            return _("Once saved, the story can be translated into the other editions from here.")
        root = article.translation_of_id or article.pk
        versions = {
            version.language: version
            for version in Article.objects.filter(Q(pk=root) | Q(translation_of=root))
            .exclude(pk=article.pk)
            .only("id", "title", "language", "status", "published_at")
        }
        rows = []
        for code in editions.codes():
            if code == article.language:
                continue
            name = editions.edition_name(code)
            version = versions.get(code)
            if version is not None:
                rows.append(
                    format_html(
                        '{}: <a href="{}" lang="{}" dir="auto">{}</a> ({})',
                        name,
                        reverse("admin:articles_article_change", args=[version.pk]),
                        code,
                        version.title,
                        version.publication_state.label,
                    )
                )
            else:
                query = urlencode({"translation_of": root, "language": code})
                rows.append(
                    format_html(
                        '{}: <a href="{}?{}">{}</a>',
                        name,
                        reverse("admin:articles_article_add"),
                        query,
                        _("Translate into %(language)s") % {"language": name},
                    )
                )
        return format_html(
            '<ul class="other-editions">{}</ul>',
            format_html_join("", "<li>{}</li>", ((row,) for row in rows)),
        )

    def autocomplete_label(self, article: Article) -> str:
        return article_label(article)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet[Article], search_term: str) -> Any:
        # The pickers' labels name the section: read it with the articles.
        return super().get_search_results(request, queryset.select_related("section"), search_term)

    def get_inlines(self, request: HttpRequest, obj: Article | None) -> list[Any]:
        # Picking for the home page is publishing: writers do not see it.
        inlines = super().get_inlines(request, obj)
        if not self.has_publish_permission(request):
            inlines = [inline for inline in inlines if inline not in (EditorsPickInline, CorrectionInline)]
        elif obj is None or obj.status != Article.Status.PUBLISHED:
            inlines = [
                inline for inline in inlines if inline is not CorrectionInline
            ]  # drafts are just edited
        return inlines

    def save_model(self, request: HttpRequest, obj: Article, form: forms.ModelForm, change: bool) -> None:
        if form.cleaned_data.get("mark_updated"):
            obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)

    def get_urls(self) -> list[Any]:
        return [
            path(
                "suggest-tags/",
                self.admin_site.admin_view(self.suggest_tags),
                name="articles_article_suggest_tags",
            ),
            *super().get_urls(),
        ]

    def suggest_tags(self, request: HttpRequest) -> JsonResponse:
        """Existing tags starting with ?q=, most used first, for the tag field's suggestions."""
        if not self.has_change_permission(request) and not self.has_add_permission(request):
            return JsonResponse({"error": "forbidden"}, status=403)
        query = request.GET.get("q", "").strip()[:100]
        if not query:
            return JsonResponse({"tags": []})
        tags = (
            Tag.objects.filter(name__istartswith=query)
            .annotate(uses=Count("taggit_taggeditem_items"))
            .order_by("-uses", "name")
            .values_list("name", flat=True)[:TAG_SUGGESTIONS]
        )
        return JsonResponse({"tags": list(tags)})

    @admin.display(description=_("views"))
    def readership(self, article: Article) -> str:
        if not article.pk:
            return _("Counted once the article is published.")
        counts = ranking.view_counts(article)
        return format_html(
            '<p class="readership">{}: <strong>{}</strong> · {}: <strong>{}</strong> · {}: <strong>{}</strong> · '
            "{}: <strong>{}</strong></p>{}",
            _("24 hours"),
            counts["day"],
            _("7 days"),
            counts["week"],
            _("30 days"),
            counts["month"],
            _("all time"),
            counts["total"],
            daily_views_chart(ranking.daily_series(article)),
        )

    @admin.display(description=_("Editor's Choice"), boolean=True, ordering="editors_pick")
    def editors_choice_mark(self, article: Article) -> bool:
        return hasattr(article, "editors_pick")

    @admin.display(description=_("authors"))
    def author_names(self, article: Article) -> str:
        return ", ".join(author.name for author in article.authors.all())

    @admin.display(description=_("visible to readers"), boolean=True)
    def is_public_mark(self, article: Article) -> bool:
        return article.is_public

    def _report_picks(self, request: HttpRequest, message: str, count: int) -> None:
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Pick for Editor's Choice"), permissions=["publish"])
    def pick_for_editors_choice(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        position = EditorsPick.objects.next_position()
        new_picks = [
            EditorsPick(article=article, position=position + offset)
            for offset, article in enumerate(
                queryset.filter(editors_pick__isnull=True).order_by("-published_at")
            )
        ]
        EditorsPick.objects.bulk_create(new_picks)
        self._report_picks(
            request,
            ngettext(
                "%(count)d article was added to Editor's Choice.",
                "%(count)d articles were added to Editor's Choice.",
                len(new_picks),
            ),
            len(new_picks),
        )

    @admin.action(description=_("Remove from Editor's Choice"), permissions=["publish"])
    def unpick_from_editors_choice(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        changed, _details = EditorsPick.objects.filter(article__in=queryset).delete()
        self._report_picks(
            request,
            ngettext(
                "%(count)d article was removed from Editor's Choice.",
                "%(count)d articles were removed from Editor's Choice.",
                changed,
            ),
            changed,
        )


@admin.register(EditorsPick)
class EditorsPickAdmin(TolerantAutocompleteMixin, admin.ModelAdmin):
    """The home page's Editor's Choice in its order: drag the rows (or move them with their
    buttons, or type the numbers), then save. The list says which picks the home page shows
    (EDITORS_CHOICE_SLOTS of them) and warns about those beyond."""

    list_display = ["article", "position", "ends_at", "home_page_slot", "article_is_public"]
    list_editable = ["position", "ends_at"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    # The home page's own order (EditorsPick position, then the newer article).
    ordering = ["position", "-article__published_at"]
    list_per_page = 100

    class Media:
        js = ["articles/admin-editors-choice.js"]
        css = {"all": ["articles/admin.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[EditorsPick]:
        # Each edition's home page has its own Editor's Choice; editors see their editions'.
        picks = super().get_queryset(request).filter(article__language__in=editions_of(request.user))
        return picks.with_activity().with_home_slot()

    def get_list_display(self, request: HttpRequest) -> list[str]:
        display = list(super().get_list_display(request))
        return display if len(editions_of(request.user)) == 1 else [*display, "edition"]

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        filters = list(super().get_list_filter(request))
        return filters if len(editions_of(request.user)) == 1 else [*filters, "article__language"]

    @admin.display(description=_("edition"), ordering="article__language")
    def edition(self, pick: EditorsPick) -> str:
        return pick.article.get_language_display()

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        beyond = self.get_queryset(request).filter(home_slot__gt=EDITORS_CHOICE_SLOTS).count()
        context = {
            "editors_choice_slots": EDITORS_CHOICE_SLOTS,
            "picks_beyond_slots": beyond,
            **(extra_context or {}),
        }
        return super().changelist_view(request, context)

    @admin.display(description=_("on the home page"))
    def home_page_slot(self, pick: EditorsPick) -> SafeString | str:
        if not pick.is_active:
            return _("No: the pick has lapsed")
        if pick.home_slot is None:
            return _("No: the article is not published")
        if pick.home_slot > EDITORS_CHOICE_SLOTS:
            return format_html(
                '<strong class="pick-beyond">{}</strong>',
                _("No: beyond the %(slots)d places the home page shows (it would be number %(slot)d)")
                % {"slots": EDITORS_CHOICE_SLOTS, "slot": pick.home_slot},
            )
        return _("Yes, place %(slot)d of %(slots)d") % {"slot": pick.home_slot, "slots": EDITORS_CHOICE_SLOTS}

    @admin.display(description=_("article visible to readers"), boolean=True)
    def article_is_public(self, pick: EditorsPick) -> bool:
        return pick.article.is_public


@admin.register(BreakingNews)
class BreakingNewsAdmin(EditionAdmin):
    """The breaking-news bar of each edition's home page: on from its start, off by itself at
    its end (the page cache knows when: alwaght/page_cache.py)."""

    list_display = ["headline", "starts_at", "ends_at", "showing_now"]
    search_fields = ["headline"]
    date_hierarchy = "starts_at"
    fields = ["headline", "link", "language", "starts_at", "ends_at"]

    @admin.display(description=_("on the home page now"), boolean=True)
    def showing_now(self, item: BreakingNews) -> bool:
        now = timezone.now()
        return item.starts_at <= now < item.ends_at
