"""The content API's router: which endpoint answers below ``/api/v2/``."""

from wagtail.api.v2.router import WagtailAPIRouter

from page_types.api.endpoints import DocumentsEndpoint, ImagesEndpoint, PagePreviewEndpoint, PagesEndpoint

api_router = WagtailAPIRouter("wagtailapi")
# "pages" first: links to a page (detail_url) go to the first endpoint that serves page models.
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("page_preview", PagePreviewEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
